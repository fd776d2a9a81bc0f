package io.guildflow.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.discord.DiscordSettings;
import io.guildflow.common.discord.governor.GovernorSettings;
import io.guildflow.common.event.EventHeaders;
import io.guildflow.common.event.EventScope;
import io.guildflow.common.nats.EventStreamSettings;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.MetricNames;
import io.guildflow.gateway.Gateway;
import io.guildflow.gateway.GatewaySettings;
import io.guildflow.gateway.guard.StandInPolicy;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.gateway.Intents;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real JDA against the emulator, with message, reaction and member intents: the events the emulator dispatches
 * land in the event stream of a real JetStream in the order they were sent, with Discord's payload as the body;
 * and two gateways holding the same shard store each keyed event once.
 */
class GatewayEventsIT {
    private static final Set<String> TYPES = Set.of("MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE",
            "MESSAGE_REACTION_ADD", "GUILD_MEMBER_ADD");
    private static final Set<String> INTENTS = Set.of("GUILD_MESSAGES", "GUILD_MESSAGE_REACTIONS", "GUILD_MEMBERS",
            "MESSAGE_CONTENT");
    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private IsolatedEnvironment environment;
    private DiscordEmulator emulator;
    private Connection nats;

    @BeforeEach
    void start() throws Exception {
        environment = new IsolatedEnvironment("gw-events");
        emulator = DiscordEmulator.builder().guilds(1).privilegedIntents(Intents.PRIVILEGED).build().start();
        nats = Nats.connect(IsolatedEnvironment.NATS_URL);
    }

    @AfterEach
    void stop() throws Exception {
        java.util.Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        emulator.close();
        nats.close();
        environment.close();
    }

    private Gateway gateway(SimpleMeterRegistry registry) throws Exception {
        Connection eventNats = Nats.connect(IsolatedEnvironment.NATS_URL);
        EnvironmentValues values = new EnvironmentValues(EmulatorSettings.of(emulator));
        Gateway gateway = Gateway.start(GatewaySettings.from(values), DiscordSettings.from(values),
                Duration.ofSeconds(10), StandInPolicy.standard(), nats, environment.topology(), registry,
                new io.guildflow.common.telemetry.NatsTracing(
                        io.opentelemetry.api.OpenTelemetry.noop().getTracer("test"),
                        io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance()), Clock.systemUTC(),
                new EventPath(new ForwardedEvents(TYPES, INTENTS), EventStreamSettings.defaults(), eventNats,
                        refused -> { }), GovernorSettings.defaults().alone());
        resources.add(eventNats);
        resources.add(gateway);
        return gateway;
    }

    @Test
    void dispatchedEventsLandInTheEventStreamInOrderWithSubjectHeadersAndBody() throws Exception {
        Instant before = Instant.now();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Gateway gateway = gateway(registry);
        emulator.awaitCondition(() -> gateway.shards().allConnected(), Duration.ofSeconds(20));
        EmulatedGuild guild = emulator.guild(0);
        EmulatedUser author = guild.members().get(0);
        List<String> expected = new ArrayList<>();
        MessageRef first = null;
        for (int i = 0; i < 20; i++) {
            MessageRef message = emulator.userMessage(guild, author, "message " + i);
            first = first == null ? message : first;
            expected.add("message_create");
        }
        emulator.editMessage(first.id(), "edited");
        emulator.addReaction(first.id(), author, Emoji.unicode("⭐"));
        emulator.deleteMessage(first.id());
        emulator.memberJoin(guild, "newcomer");
        expected.addAll(List.of("message_update", "message_reaction_add", "message_delete", "guild_member_add"));

        String stream = environment.topology().eventStreamName();
        emulator.awaitCondition(() -> count(stream) >= expected.size(), Duration.ofSeconds(10));
        List<MessageInfo> stored = StreamContents.all(nats, stream);
        Topology topology = environment.topology();
        int partition = EventScope.guild(guild.id()).partition(EventStreamSettings.DEFAULT_PARTITIONS);
        List<String> types = new ArrayList<>();
        for (MessageInfo message : stored) {
            String type = message.getHeaders().getFirst(EventHeaders.TYPE);
            types.add(EventScope.typeToken(type));
            assertEquals(topology.eventSubject(EventScope.guild(guild.id()), type, partition), message.getSubject());
            assertEquals("0", message.getHeaders().getFirst(EventHeaders.SHARD));
            Instant received = Instant.parse(message.getHeaders().getFirst(EventHeaders.RECEIVED_AT));
            assertFalse(received.isBefore(before), "received after the test started");
        }
        assertEquals(expected, types, "stored in the order the emulator sent them");
        JsonNode created = json.readTree(stored.get(0).getData());
        assertEquals(first.id(), created.path("id").asText());
        assertEquals("message 0", created.path("content").asText(), "Discord's d object, content granted");
        assertEquals(guild.id(), created.path("guild_id").asText());
        assertEquals("message_create:" + first.id(), stored.get(0).getHeaders().getFirst(EventHeaders.KEY));
        assertEquals(null, stored.get(21).getHeaders().getFirst(EventHeaders.KEY), "a reaction has no natural key");
        assertEquals(20.0, registry.get(MetricNames.GATEWAY_EVENTS_PUBLISHED).tag(MetricNames.TAG_EVENT_TYPE,
                "message_create").counter().count());
        assertEquals(0.0, registry.get(MetricNames.GATEWAY_EVENTS_DROPPED).counter().count());
        assertTrue(stored.size() == expected.size(), "nothing else: no interaction or lifecycle event here");
    }

    @Test
    void twoGatewaysOnTheSameShardStoreEachKeyedEventOnce() throws Exception {
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        Gateway one = gateway(first);
        Gateway two = gateway(second);
        emulator.awaitCondition(() -> one.shards().allConnected() && two.shards().allConnected()
                && emulator.readySessions(0).size() == 2, Duration.ofSeconds(30));
        EmulatedGuild guild = emulator.guild(0);
        int messages = 30;
        for (int i = 0; i < messages; i++) {
            emulator.userMessage(guild, guild.members().get(0), "copy " + i);
        }
        emulator.awaitCondition(() -> handled(first) == messages && handled(second) == messages, Duration.ofSeconds(10));
        List<MessageInfo> stored = StreamContents.all(nats, environment.topology().eventStreamName());
        assertEquals(messages, stored.size(), "each message stored once though both gateways received it");
        List<String> contents = stored.stream().map(m -> text(m.getData())).toList();
        for (int i = 0; i < messages; i++) {
            assertEquals("copy " + i, contents.get(i), "in the order sent");
        }
    }

    private static double handled(SimpleMeterRegistry registry) {
        return registry.find(MetricNames.GATEWAY_EVENTS_PUBLISHED).counters().stream().mapToDouble(c -> c.count()).sum()
                + registry.find(MetricNames.GATEWAY_EVENTS_DUPLICATES).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private String text(byte[] body) {
        try {
            return json.readTree(body).path("content").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private long count(String stream) {
        try {
            return StreamContents.count(nats, stream);
        } catch (Exception e) {
            return -1;
        }
    }
}
