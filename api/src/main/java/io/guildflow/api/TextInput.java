package io.guildflow.api;

/** A text field of a {@link Modal}; what the user typed arrives in {@link ModalContext#value(String)}. */
public record TextInput(String customId, String label, Style style, boolean required, Integer minLength,
                        Integer maxLength, String placeholder, String value) implements Component {
    public enum Style {
        SHORT(1), PARAGRAPH(2);

        private final int discordValue;

        Style(int discordValue) {
            this.discordValue = discordValue;
        }

        public int discordValue() {
            return discordValue;
        }
    }

    public TextInput {
        DiscordLimits.requireCustomId("text input", customId);
        DiscordLimits.requireText("text input label", label, DiscordLimits.TEXT_INPUT_LABEL);
        DiscordLimits.require(style != null, "text input style must be set");
        DiscordLimits.require(minLength == null || (minLength >= 0 && minLength <= DiscordLimits.TEXT_INPUT_VALUE),
                "text input min_length must be 0-4000");
        DiscordLimits.require(maxLength == null || (maxLength >= 1 && maxLength <= DiscordLimits.TEXT_INPUT_VALUE),
                "text input max_length must be 1-4000");
        DiscordLimits.requireAtMost("text input placeholder", placeholder, DiscordLimits.TEXT_INPUT_PLACEHOLDER);
        DiscordLimits.requireAtMost("text input value", value, DiscordLimits.TEXT_INPUT_VALUE);
    }

    public static TextInput shortText(String customId, String label) {
        return new TextInput(customId, label, Style.SHORT, true, null, null, null, null);
    }

    public static TextInput paragraph(String customId, String label) {
        return new TextInput(customId, label, Style.PARAGRAPH, true, null, null, null, null);
    }

    public TextInput optional() {
        return new TextInput(customId, label, style, false, minLength, maxLength, placeholder, value);
    }
}
