package io.guildflow.common.discord.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GovernorSettingsTest {

    @Test
    void defaultsAreDiscordsGlobalLimitAndABreakerFarBelowTheBan() {
        assertEquals(new GovernorSettings(50, 1000), GovernorSettings.from(new EnvironmentValues(Map.of())));
    }

    @Test
    void aRaisedLimitAndAnotherThresholdAreRead() {
        assertEquals(new GovernorSettings(1200, 300), GovernorSettings.from(new EnvironmentValues(
                Map.of("DISCORD_GLOBAL_RATE_LIMIT", "1200", "DISCORD_INVALID_REQUEST_BREAKER", "300"))));
    }

    @Test
    void aThresholdWhoseDoubleReachesTheBanIsRefusedNamingTheVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> GovernorSettings.from(
                new EnvironmentValues(Map.of("DISCORD_INVALID_REQUEST_BREAKER", "5000"))));
        assertTrue(e.getMessage().contains("DISCORD_INVALID_REQUEST_BREAKER"), e.getMessage());
        assertThrows(ConfigException.class, () -> GovernorSettings.from(
                new EnvironmentValues(Map.of("DISCORD_GLOBAL_RATE_LIMIT", "0"))));
    }
}
