package io.guildflow.common.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordSettingsTest {

    @Test
    void defaultsToDiscordItselfWithNoIdentity() {
        DiscordSettings discord = from(Map.of());
        assertEquals(DiscordSettings.DEFAULT_API_URL, discord.apiUrl().toString());
        assertTrue(discord.token().isEmpty() && discord.applicationId().isEmpty()
                && discord.developmentGuildId().isEmpty());
    }

    @Test
    void theTokenHidesItselfAndIsRequiredOnlyWhereAsked() {
        DiscordSettings discord = from(Map.of("DISCORD_TOKEN", "abc.def.ghi"));
        assertFalse(discord.toString().contains("abc.def.ghi"), discord.toString());
        assertEquals("abc.def.ghi", discord.requireToken("gateway mode").reveal());
        ConfigException missing = assertThrows(ConfigException.class, () -> from(Map.of()).requireToken("setup"));
        assertTrue(missing.getMessage().startsWith("DISCORD_TOKEN is not set: expected the bot token")
                && missing.getMessage().contains("(required in setup)"), missing.getMessage());
    }

    @Test
    void idsAreSnowflakesAndTheApiAnHttpUrl() {
        for (Map.Entry<String, String> bad : Map.of("DISCORD_GUILD_ID", "abc", "DISCORD_APPLICATION_ID", "12x",
                "DISCORD_API_URL", "discord").entrySet()) {
            ConfigException error = assertThrows(ConfigException.class, () -> from(Map.of(bad.getKey(), bad.getValue())));
            assertTrue(error.getMessage().startsWith(bad.getKey() + "=" + bad.getValue() + " is not valid"),
                    error.getMessage());
        }
    }

    private static DiscordSettings from(Map<String, String> env) {
        return DiscordSettings.from(new EnvironmentValues(env));
    }
}
