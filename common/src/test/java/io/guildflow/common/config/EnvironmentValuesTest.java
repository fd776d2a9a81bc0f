package io.guildflow.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentValuesTest {

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertEquals(Duration.ofMillis(1500), EnvironmentValues.parseDuration("ACK_DEADLINE", "1500ms"));
        assertEquals(Duration.ofSeconds(2), EnvironmentValues.parseDuration("ACK_DEADLINE", "PT2S"));
        assertEquals(Duration.ofHours(24), EnvironmentValues.parseDuration("LEDGER_RETENTION", "24h"));
        ConfigException error = assertThrows(ConfigException.class,
                () -> EnvironmentValues.parseDuration("ACK_DEADLINE", "soon"));
        assertTrue(error.getMessage().startsWith("ACK_DEADLINE=soon is not valid"), error.getMessage());
    }

    @Test
    void boundedValuesSayTheirRangeAndTakeTheDefaultWhenUnset() {
        // Real names: the documentation drift check reads every values.<kind>("NAME") in the tree.
        EnvironmentValues values = new EnvironmentValues(Map.of("SHUTDOWN_TIMEOUT", "5s", "WORKER_NICE", "20"));
        assertEquals(Duration.ofSeconds(5), values.duration("SHUTDOWN_TIMEOUT", Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofSeconds(5), "exactly 5s"));
        assertEquals("SHUTDOWN_TIMEOUT=5s is not valid: expected at most 4s", assertThrows(ConfigException.class,
                () -> values.duration("SHUTDOWN_TIMEOUT", Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(4),
                        "at most 4s")).getMessage());
        assertEquals(Duration.ofMinutes(1), values.duration("ACK_WAIT", Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofHours(2), "never checked: a default is valid"));
        assertEquals("WORKER_NICE=20 is not valid: expected 0 to 19", assertThrows(ConfigException.class,
                () -> values.wholeNumber("WORKER_NICE", 0, 0, 19, "0 to 19")).getMessage());
        assertEquals(20, values.wholeNumber("WORKER_NICE", 0, 20, 20, "20"));
    }
}
