package io.guildflow.api;

/**
 * A button. Every style but {@link Style#LINK} carries a custom_id that routes the click to the
 * {@link ComponentHandler} with that id's prefix (see {@link CustomId}); a link button carries a URL.
 */
public record Button(Style style, String label, String customId, String url, boolean disabled) implements Component {
    public enum Style {
        PRIMARY(1), SECONDARY(2), SUCCESS(3), DANGER(4), LINK(5);

        private final int discordValue;

        Style(int discordValue) {
            this.discordValue = discordValue;
        }

        public int discordValue() {
            return discordValue;
        }
    }

    public Button {
        DiscordLimits.require(style != null, "button style must be set");
        DiscordLimits.requireText("button label", label, DiscordLimits.BUTTON_LABEL);
        if (style == Style.LINK) {
            DiscordLimits.require(customId == null && url != null && !url.isBlank(),
                    "a link button has a url and no custom_id");
        } else {
            DiscordLimits.require(url == null, "only link buttons have a url");
            DiscordLimits.requireCustomId("button", customId);
        }
    }

    public static Button primary(String customId, String label) {
        return new Button(Style.PRIMARY, label, customId, null, false);
    }

    public static Button secondary(String customId, String label) {
        return new Button(Style.SECONDARY, label, customId, null, false);
    }

    public static Button success(String customId, String label) {
        return new Button(Style.SUCCESS, label, customId, null, false);
    }

    public static Button danger(String customId, String label) {
        return new Button(Style.DANGER, label, customId, null, false);
    }

    public static Button link(String url, String label) {
        return new Button(Style.LINK, label, null, url, false);
    }

    public Button asDisabled() {
        return new Button(style, label, customId, url, true);
    }
}
