package io.guildflow.api;

/**
 * One option the user filled in. {@code value} is a {@link String} (STRING, and the ids of USER,
 * CHANNEL, ROLE, MENTIONABLE, ATTACHMENT), a {@link Long} (INTEGER), a {@link Double} (NUMBER) or a
 * {@link Boolean} (BOOLEAN).
 */
public record OptionValue(String name, OptionType type, Object value) {
    public OptionValue {
        DiscordLimits.require(value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean, "option '" + name + "' has an unsupported value");
    }
}
