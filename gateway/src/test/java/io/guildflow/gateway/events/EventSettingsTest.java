package io.guildflow.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.StartupException;
import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.Test;

class EventSettingsTest {
    private static EventSettings from(Map<String, String> env) {
        return EventSettings.from(new EnvironmentValues(env));
    }

    @Test
    void defaultsAreA64MiBBufferAndNoPrivilegedIntent() {
        EventSettings settings = from(Map.of());
        assertEquals(64L << 20, settings.bufferBytes());
        assertEquals(Set.of(), settings.privilegedIntents());
    }

    @Test
    void readsTheBufferWithBinarySuffixesAndTheIntentsInAnyCase() {
        EventSettings settings = from(Map.of("EVENT_BUFFER_BYTES", "16MiB",
                "DISCORD_PRIVILEGED_INTENTS", "message_content, GUILD_MEMBERS"));
        assertEquals(16L << 20, settings.bufferBytes());
        assertEquals(Set.of("MESSAGE_CONTENT", "GUILD_MEMBERS"), settings.privilegedIntents());
    }

    @Test
    void aBadValueIsOneLineNamingTheVariable() {
        ConfigException intents = assertThrows(ConfigException.class,
                () -> from(Map.of("DISCORD_PRIVILEGED_INTENTS", "GUILD_MESSAGES")));
        assertTrue(intents.getMessage().contains("DISCORD_PRIVILEGED_INTENTS"), intents.getMessage());
        assertEquals(2, intents.exitCode());
        assertThrows(ConfigException.class, () -> from(Map.of("DISCORD_PRIVILEGED_INTENTS", "MESSAGE_CONTENT,")));
        ConfigException buffer = assertThrows(ConfigException.class, () -> from(Map.of("EVENT_BUFFER_BYTES", "1KiB")));
        assertTrue(buffer.getMessage().contains("EVENT_BUFFER_BYTES"), buffer.getMessage());
        assertThrows(ConfigException.class, () -> from(Map.of("EVENT_BUFFER_BYTES", "lots")));
    }

    @Test
    void theSubscriptionForwardsNeitherInteractionsNorLifecycleAndRefusesAPrivilegedIntentNotEnabled() {
        ForwardedEvents subscription = new ForwardedEvents(
                Set.of("message_create", "INTERACTION_CREATE", "GUILD_CREATE"), Set.of("GUILD_MESSAGES", "MESSAGE_CONTENT"));
        assertEquals(Set.of("MESSAGE_CREATE"), subscription.types());
        StartupException refused = assertThrows(StartupException.class,
                () -> subscription.gatewayIntents(EventSettings.defaults()));
        assertTrue(refused.getMessage().contains("MESSAGE_CONTENT"), refused.getMessage());
        assertEquals(Set.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT), subscription.gatewayIntents(
                new EventSettings(EventSettings.DEFAULT_BUFFER_BYTES, Set.of("MESSAGE_CONTENT"))));
        assertThrows(StartupException.class, () -> new ForwardedEvents(Set.of(), Set.of("NO_SUCH_INTENT"))
                .gatewayIntents(EventSettings.defaults()));
    }
}
