package io.guildflow.worker.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.nats.ConsumerPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    @Test
    void readOnceWithDefaultsAndLimits() {
        assertEquals(ConsumerSettings.DEFAULT, from(Map.of()));
        assertEquals(new ConsumerSettings(4, Duration.ofSeconds(30), 3),
                from(Map.of("WORKER_CONCURRENCY", "4", "ACK_WAIT", "30s", "MAX_DELIVER", "3")));
        assertEquals("MAX_DELIVER=1 is not valid: expected at least 2 (the last delivery goes to the dead-letter stream)",
                assertThrows(ConfigException.class, () -> from(Map.of("MAX_DELIVER", "1"))).getMessage());
        assertEquals("ACK_WAIT=500ms is not valid: expected at least 1s",
                assertThrows(ConfigException.class, () -> from(Map.of("ACK_WAIT", "500ms"))).getMessage());
        assertEquals("WORKER_CONCURRENCY=0 is not valid: expected a whole number greater than 0",
                assertThrows(ConfigException.class, () -> from(Map.of("WORKER_CONCURRENCY", "0"))).getMessage());
    }

    /** Whoever provisions the shared consumer (gateway, setup, a worker finding none) gets it from here. */
    @Test
    void theSharedConsumersPolicyKeepsTheAckWaitAndAtLeastAThousandPending() {
        assertEquals(new ConsumerPolicy(Duration.ofSeconds(10), 1000), ConsumerSettings.DEFAULT.policy());
        assertEquals(new ConsumerPolicy(Duration.ofSeconds(2), 5000),
                new ConsumerSettings(5000, Duration.ofSeconds(2), 10).policy());
    }

    private static ConsumerSettings from(Map<String, String> env) {
        return ConsumerSettings.from(new EnvironmentValues(env));
    }
}
