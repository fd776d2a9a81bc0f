package io.guildflow.common.discord;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.config.Secret;
import java.net.URI;
import java.util.Optional;

/**
 * Who the bot is on Discord and where Discord's REST API is: {@code DISCORD_TOKEN} (or {@code DISCORD_TOKEN_FILE}),
 * {@code DISCORD_APPLICATION_ID}, {@code DISCORD_GUILD_ID}, {@code DISCORD_API_URL}. The gateway, the workers'
 * outbox, command registration and {@code setup} all use it; each role requires what it needs when it starts.
 *
 * @param applicationId      read from Discord ({@code GET applications/@me}) when empty
 * @param developmentGuildId commands are registered in this guild only; {@code setup}'s default guild
 */
public record DiscordSettings(Optional<Secret> token, Optional<String> applicationId,
                              Optional<String> developmentGuildId, URI apiUrl) {
    public static final String DEFAULT_API_URL = "https://discord.com/api/v10";

    public static DiscordSettings from(EnvironmentValues values) {
        return new DiscordSettings(values.secret("DISCORD_TOKEN").map(token -> new Secret(token.value())),
                values.snowflake("DISCORD_APPLICATION_ID"), values.snowflake("DISCORD_GUILD_ID"),
                values.httpUri("DISCORD_API_URL", DEFAULT_API_URL));
    }

    /** @param requiredBy who needs it, for the complaint, e.g. "gateway mode" */
    public Secret requireToken(String requiredBy) {
        return token.orElseThrow(() -> ConfigException.missing("DISCORD_TOKEN",
                "the bot token from the Discord developer portal (required in " + requiredBy
                        + "), or DISCORD_TOKEN_FILE naming a file that holds it"));
    }
}
