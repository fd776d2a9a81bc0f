package io.guildflow.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.Intent;
import io.guildflow.api.event.MemberEvent;
import io.guildflow.api.event.MessageEvent;
import io.guildflow.api.event.RawEvent;
import io.guildflow.api.event.RawEventHandler;
import io.guildflow.common.StartupException;
import io.guildflow.worker.events.EventCatalog;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventSubscriptionTest {

    static final class Counter implements EventHandler<MessageEvent> {
        @Override
        public EventType<MessageEvent> type() {
            return EventType.MESSAGE_CREATE;
        }

        @Override
        public Set<Intent> needs() {
            return Set.of(Intent.MESSAGE_CONTENT);
        }

        @Override
        public void handle(MessageEvent event, EventContext context) {
        }
    }

    static final class Welcome implements EventHandler<MemberEvent> {
        @Override
        public EventType<MemberEvent> type() {
            return EventType.GUILD_MEMBER_ADD;
        }

        @Override
        public void handle(MemberEvent event, EventContext context) {
        }
    }

    static final class Scheduled implements RawEventHandler {
        @Override
        public Set<String> dispatchTypes() {
            return Set.of("GUILD_SCHEDULED_EVENT_CREATE");
        }

        @Override
        public Set<Intent> intents() {
            return Set.of(Intent.GUILD_SCHEDULED_EVENTS);
        }

        @Override
        public void handle(RawEvent event, EventContext context) {
        }
    }

    @Test
    void forwardsTheHandledTypesAndAsksForTheirIntents() {
        EventSubscription subscription = EventSubscription.of(
                EventCatalog.of(List.of(new Counter(), new Welcome()), List.of(new Scheduled())));

        assertEquals(Set.of("MESSAGE_CREATE", "GUILD_MEMBER_ADD", "GUILD_SCHEDULED_EVENT_CREATE"),
                subscription.dispatchTypes());
        assertEquals(Set.of(Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES, Intent.MESSAGE_CONTENT,
                Intent.GUILD_MEMBERS, Intent.GUILD_SCHEDULED_EVENTS), subscription.intents());
        assertEquals(1L << 9 | 1L << 12 | 1L << 15 | 1L << 1 | 1L << 16, subscription.intentBits());
    }

    @Test
    void noHandlersNoIntents() {
        EventSubscription subscription = EventSubscription.of(EventCatalog.empty());

        assertTrue(subscription.dispatchTypes().isEmpty());
        assertEquals(0L, subscription.intentBits());
        subscription.requireAllowed(Set.of());
    }

    @Test
    void aPrivilegedIntentNotAllowedStopsStartUpNamingHandlerAndIntent() {
        EventSubscription subscription = EventSubscription.of(EventCatalog.of(List.of(new Counter()), List.of()));

        StartupException refused = assertThrows(StartupException.class,
                () -> subscription.requireAllowed(Set.of(Intent.GUILD_MEMBERS)));
        assertEquals(2, refused.exitCode());
        assertTrue(refused.getMessage().contains(Counter.class.getName()), refused.getMessage());
        assertTrue(refused.getMessage().contains("privileged intent MESSAGE_CONTENT"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
        subscription.requireAllowed(Set.of(Intent.MESSAGE_CONTENT));
    }

    @Test
    void privilegedIntentsAreDiscordsThree() {
        assertEquals(Set.of(Intent.GUILD_MEMBERS, Intent.GUILD_PRESENCES, Intent.MESSAGE_CONTENT),
                EnumSetOf.privileged());
        assertEquals(1L << 1 | 1L << 8 | 1L << 15,
                Intent.bits(Set.of(Intent.GUILD_MEMBERS, Intent.GUILD_PRESENCES, Intent.MESSAGE_CONTENT)));
    }

    @Test
    void aHandlerWithoutTypeOrARawOneWithABadNameStopsStartUp() {
        EventHandler<MessageEvent> untyped = new EventHandler<>() {
            @Override
            public EventType<MessageEvent> type() {
                return null;
            }

            @Override
            public void handle(MessageEvent event, EventContext context) {
            }
        };
        assertTrue(assertThrows(StartupException.class, () -> EventCatalog.of(List.of(untyped), List.of()))
                .getMessage().contains("type() returned null"));
        RawEventHandler badName = new RawEventHandler() {
            @Override
            public Set<String> dispatchTypes() {
                return Set.of("message.create");
            }

            @Override
            public Set<Intent> intents() {
                return Set.of();
            }

            @Override
            public void handle(RawEvent event, EventContext context) {
            }
        };
        assertTrue(assertThrows(StartupException.class, () -> EventCatalog.of(List.of(), List.of(badName)))
                .getMessage().contains("'message.create'"));
    }

    private static final class EnumSetOf {
        static Set<Intent> privileged() {
            return java.util.Arrays.stream(Intent.values()).filter(Intent::privileged)
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
