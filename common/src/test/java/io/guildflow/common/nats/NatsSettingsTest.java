package io.guildflow.common.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The NATS section: the servers and the environment's topology, read from the environment. */
class NatsSettingsTest {

    @Test
    void defaultsAreTheLocalServerAndTheDevelopmentEnvironmentWithOneCopy() {
        NatsSettings nats = from(Map.of());
        assertEquals(List.of(NatsServers.DEFAULT_URL), nats.servers().urls());
        assertEquals(new Topology("development", 1), nats.topology());
    }

    @Test
    void streamReplicasReachTheTopologyWithinJetStreamsLimit() {
        assertEquals(new Topology("production", 3),
                from(Map.of("STREAM_REPLICAS", "3", "ENVIRONMENT", "production")).topology());
        for (String bad : List.of("0", "6", "three")) {
            ConfigException error = assertThrows(ConfigException.class, () -> from(Map.of("STREAM_REPLICAS", bad)), bad);
            assertTrue(error.getMessage().startsWith("STREAM_REPLICAS=" + bad + " is not valid"), error.getMessage());
        }
    }

    @Test
    void theInteractionStreamKeepsEventsTwoDaysByDefaultAndAtLeastAnHour() {
        assertEquals(Duration.ofHours(48), from(Map.of()).topology().streamMaxAge());
        assertEquals(Duration.ofDays(7), from(Map.of("STREAM_MAX_AGE", "168h")).topology().streamMaxAge());
        assertEquals(Duration.ofHours(1), from(Map.of("STREAM_MAX_AGE", "1h")).topology().streamMaxAge());
        for (String tooShort : List.of("59m", "15m")) {
            ConfigException error = assertThrows(ConfigException.class, () -> from(Map.of("STREAM_MAX_AGE", tooShort)));
            assertTrue(error.getMessage().startsWith("STREAM_MAX_AGE=" + tooShort + " is not valid: expected at least 1h"),
                    error.getMessage());
        }
        ConfigException malformed = assertThrows(ConfigException.class, () -> from(Map.of("STREAM_MAX_AGE", "two days")));
        assertTrue(malformed.getMessage().startsWith("STREAM_MAX_AGE=two days is not valid"), malformed.getMessage());
    }

    @Test
    void theLongestStreamAgeIsEitherStreams() {
        assertEquals(Duration.ofHours(48), from(Map.of()).longestStreamAge());
        assertEquals(Duration.ofHours(72), from(Map.of("EVENT_STREAM_MAX_AGE", "72h")).longestStreamAge());
        assertEquals(Duration.ofHours(96), from(Map.of("STREAM_MAX_AGE", "96h", "EVENT_STREAM_MAX_AGE", "1h"))
                .longestStreamAge());
    }

    @Test
    void theEnvironmentMustBeSafeForNatsNames() {
        assertEquals("alpha-1", from(Map.of("ENVIRONMENT", "Alpha-1")).topology().environment());
        for (String bad : List.of("prod.eu", "a b", "-x", "x".repeat(33))) {
            ConfigException error = assertThrows(ConfigException.class, () -> from(Map.of("ENVIRONMENT", bad)), bad);
            assertTrue(error.getMessage().startsWith("ENVIRONMENT=" + bad + " is not valid"), error.getMessage());
        }
    }

    @Test
    void aMalformedServerListNamesTheVariable() {
        ConfigException error = assertThrows(ConfigException.class, () -> from(Map.of("NATS_URL", "localhost")));
        assertTrue(error.getMessage().startsWith("NATS_URL=localhost is not valid"), error.getMessage());
    }

    private static NatsSettings from(Map<String, String> env) {
        return NatsSettings.from(new EnvironmentValues(env));
    }
}
