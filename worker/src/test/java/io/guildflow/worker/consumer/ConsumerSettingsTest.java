package io.guildflow.worker.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.common.config.GuildflowConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {
    /** The worker's drain time is the deployment's SHUTDOWN_TIMEOUT, not a constant of its own. */
    @Test
    void shutdownTimeoutComesFromTheConfiguration() {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(Map.of("SHUTDOWN_TIMEOUT", "45s"));
        assertEquals(Duration.ofSeconds(45), ConsumerSettings.from(config.worker(), config.shutdown()).shutdownTimeout());
        assertEquals(GuildflowConfig.Shutdown.DEFAULT.timeout(), ConsumerSettings.defaults().shutdownTimeout());
    }
}
