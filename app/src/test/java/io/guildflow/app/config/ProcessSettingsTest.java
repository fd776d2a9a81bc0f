package io.guildflow.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSettingsTest {

    @Test
    void defaultsAreAStandaloneProcessOnPort8080WithTwentySecondsToStop() {
        ProcessSettings process = from(Map.of());
        assertEquals(BotMode.STANDALONE, process.mode());
        assertEquals(8080, process.metricsAddress().getPort());
        assertEquals(Duration.ofSeconds(20), process.shutdownTimeout());
        assertEquals(ProcessSettings.DEFAULT_WORKER_NICE, process.workerNice());
        assertTrue(process.botVersion().isEmpty());
    }

    @Test
    void shutdownTimeoutIsParsed() {
        assertEquals(Duration.ofSeconds(45), from(Map.of("SHUTDOWN_TIMEOUT", "45s")).shutdownTimeout());
        ConfigException error = assertThrows(ConfigException.class, () -> from(Map.of("SHUTDOWN_TIMEOUT", "soon")));
        assertTrue(error.getMessage().startsWith("SHUTDOWN_TIMEOUT=soon is not valid"), error.getMessage());
    }

    @Test
    void badModeNamesVariableAndChoices() {
        ConfigException error = assertThrows(ConfigException.class, () -> from(Map.of("BOT_MODE", "banana")));
        assertEquals("BOT_MODE=banana is not valid: expected one of standalone, gateway, worker", error.getMessage());
    }

    @Test
    void workerNiceIsAUnixNiceValue() {
        assertEquals(0, from(Map.of("WORKER_NICE", "0")).workerNice(), "0: left alone");
        assertEquals(19, from(Map.of("WORKER_NICE", "19")).workerNice());
        for (String bad : new String[] {"-1", "20", "low"}) {
            assertEquals("WORKER_NICE=" + bad + " is not valid: expected a whole number from 0 to 19",
                    assertThrows(ConfigException.class, () -> from(Map.of("WORKER_NICE", bad))).getMessage());
        }
    }

    private static ProcessSettings from(Map<String, String> env) {
        return ProcessSettings.from(new EnvironmentValues(env));
    }
}
