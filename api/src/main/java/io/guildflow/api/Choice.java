package io.guildflow.api;

/**
 * One autocomplete suggestion (or fixed option choice). The value's type follows the option's:
 * {@link String} for STRING, {@link Long} for INTEGER, {@link Double} for NUMBER.
 */
public record Choice(String name, Object value) {
    public Choice {
        DiscordLimits.requireText("choice name", name, DiscordLimits.CHOICE_NAME);
        DiscordLimits.require(value instanceof String || value instanceof Long || value instanceof Double,
                "choice value must be a String, Long or Double");
        if (value instanceof String text) {
            DiscordLimits.requireAtMost("choice value", text, DiscordLimits.CHOICE_STRING_VALUE);
        }
    }

    public static Choice of(String name, String value) {
        return new Choice(name, value);
    }

    public static Choice of(String name, long value) {
        return new Choice(name, value);
    }

    public static Choice of(String name, double value) {
        return new Choice(name, value);
    }
}
