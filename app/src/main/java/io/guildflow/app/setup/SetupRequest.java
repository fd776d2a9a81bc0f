package io.guildflow.app.setup;

import io.guildflow.app.config.GuildIds;
import io.guildflow.common.config.ConfigException;
import java.util.Optional;

/**
 * What an operator asked {@code guildflow setup} to do, checked before anything is contacted.
 *
 * @param channelName the bot's text channel to create when absent
 * @param roleName    the bot's role to create when absent
 */
public record SetupRequest(String guildId, boolean dryRun, Optional<String> channelName, Optional<String> roleName) {
    private static final int NAME_MAX = 100;

    public SetupRequest {
        if (!GuildIds.looksLikeSnowflake(guildId) || !fitsSnowflake(guildId)) {
            throw ConfigException.invalid("<guild>", guildId, "a Discord guild id (a snowflake: digits only,"
                    + " e.g. 1234567890123456789)");
        }
        channelName.ifPresent(name -> requireName("--channel", name));
        roleName.ifPresent(name -> requireName("--role", name));
    }

    private static boolean fitsSnowflake(String digits) {
        try {
            return Long.parseUnsignedLong(digits) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void requireName(String option, String name) {
        if (name.isBlank() || name.length() > NAME_MAX) {
            throw ConfigException.invalid(option, name, "a name of 1 to " + NAME_MAX + " characters");
        }
    }
}
