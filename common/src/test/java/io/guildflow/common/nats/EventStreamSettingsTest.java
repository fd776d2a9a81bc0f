package io.guildflow.common.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventStreamSettingsTest {

    @Test
    void defaultsAreADayAGibibyteAndSixteenPartitions() {
        assertEquals(new EventStreamSettings(Duration.ofHours(48), 1L << 30, 16), from(Map.of()));
        assertEquals(EventStreamSettings.defaults(), from(Map.of()));
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertEquals(512L << 20, from(Map.of("EVENT_STREAM_MAX_BYTES", "512MiB")).maxBytes());
        assertEquals(2L << 30, from(Map.of("EVENT_STREAM_MAX_BYTES", "2GiB")).maxBytes());
        assertEquals(Duration.ofHours(6), from(Map.of("EVENT_STREAM_MAX_AGE", "6h")).maxAge());
        assertEquals(4, from(Map.of("EVENT_PARTITIONS", "4")).partitions());
    }

    @Test
    void badValuesNameTheVariable() {
        for (Map<String, String> bad : new Map[] {Map.of("EVENT_STREAM_MAX_BYTES", "lots"),
                Map.of("EVENT_STREAM_MAX_BYTES", "1000"), Map.of("EVENT_PARTITIONS", "0"),
                Map.of("EVENT_PARTITIONS", "257"), Map.of("EVENT_STREAM_MAX_AGE", "-1s")}) {
            String variable = bad.keySet().iterator().next();
            ConfigException error = assertThrows(ConfigException.class, () -> from(bad), bad.toString());
            assertTrue(error.getMessage().startsWith(variable + "="), error.getMessage());
        }
    }

    private static EventStreamSettings from(Map<String, String> env) {
        return EventStreamSettings.from(new EnvironmentValues(env));
    }
}
