package io.guildflow.api;

import java.util.List;

/** A string select menu; the chosen values arrive in {@link ComponentContext#values()}. */
public record SelectMenu(String customId, String placeholder, List<Option> options, int minValues, int maxValues,
                         boolean disabled) implements Component {

    public record Option(String label, String value, String description, boolean preselected) {
        public Option {
            DiscordLimits.requireText("select option label", label, DiscordLimits.SELECT_OPTION_TEXT);
            DiscordLimits.requireText("select option value", value, DiscordLimits.SELECT_OPTION_TEXT);
            DiscordLimits.requireAtMost("select option description", description, DiscordLimits.SELECT_OPTION_TEXT);
        }

        public static Option of(String label, String value) {
            return new Option(label, value, null, false);
        }
    }

    public SelectMenu {
        DiscordLimits.requireCustomId("select menu", customId);
        DiscordLimits.requireAtMost("select placeholder", placeholder, DiscordLimits.SELECT_PLACEHOLDER);
        options = List.copyOf(options);
        DiscordLimits.requireCount("select options", options, 1, DiscordLimits.SELECT_OPTIONS);
        DiscordLimits.require(minValues >= 0 && minValues <= DiscordLimits.SELECT_OPTIONS,
                "select min_values must be 0-25, was " + minValues);
        DiscordLimits.require(maxValues >= Math.max(1, minValues) && maxValues <= options.size(),
                "select max_values must be between max(1, min_values) and the number of options, was " + maxValues);
    }

    /** Exactly one value from the options. */
    public static SelectMenu of(String customId, String placeholder, List<Option> options) {
        return new SelectMenu(customId, placeholder, options, 1, 1, false);
    }
}
