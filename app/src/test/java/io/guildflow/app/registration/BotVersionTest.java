package io.guildflow.app.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.common.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BotVersionTest {
    private static BotVersion v(String text) {
        return BotVersion.parse("BOT_VERSION", text);
    }

    @Test
    void ordersByNumbersNotByText() {
        assertTrue(v("1.10.0").isNewerThan(v("1.9.3")));
        assertTrue(v("2").isNewerThan(v("1.99")));
        assertTrue(v("v1.2.1").isNewerThan(v("1.2")));
        assertFalse(v("1.2.0").isNewerThan(v("1.2")));
        assertEquals(0, v("1.2.0-SNAPSHOT").compareTo(v("1.2.0")));
        assertEquals(0, v("1.4.2+build.7").compareTo(v("1.4.2")));
    }

    @Test
    void aValueWithoutLeadingNumbersStopsStartUpNamingTheVariable() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("BOT_VERSION", "latest")));
        assertEquals("BOT_VERSION=latest is not valid: expected a version starting with numbers, e.g. 1.4.2 or 1.4.2-rc1",
                error.getMessage());
        assertEquals(v("3.1"), GuildflowConfig.fromEnvironment(Map.of("BOT_VERSION", "3.1")).process().botVersion()
                .orElseThrow());
    }
}
