package io.guildflow.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A rich embed. Absent parts are null.
 *
 * @param color RGB, e.g. {@code 0x5865F2}
 */
public record Embed(String title, String description, String url, Integer color, List<Field> fields, String footer) {

    public record Field(String name, String value, boolean inline) {
        public Field {
            DiscordLimits.requireText("embed field name", name, DiscordLimits.EMBED_FIELD_NAME);
            DiscordLimits.requireText("embed field value", value, DiscordLimits.EMBED_FIELD_VALUE);
        }
    }

    public Embed {
        DiscordLimits.requireAtMost("embed title", title, DiscordLimits.EMBED_TITLE);
        DiscordLimits.requireAtMost("embed description", description, DiscordLimits.EMBED_DESCRIPTION);
        DiscordLimits.requireAtMost("embed footer", footer, DiscordLimits.EMBED_FOOTER);
        fields = List.copyOf(fields);
        DiscordLimits.requireCount("embed fields", fields, 0, DiscordLimits.EMBED_FIELDS);
        DiscordLimits.require(color == null || (color >= 0 && color <= 0xFFFFFF), "embed color must be 0x000000-0xFFFFFF");
        DiscordLimits.require(title != null || description != null || !fields.isEmpty(),
                "an embed needs a title, a description or a field");
    }

    public static Embed of(String title, String description) {
        return new Embed(title, description, null, null, List.of(), null);
    }

    public Embed withField(String name, String value, boolean inline) {
        List<Field> more = new ArrayList<>(fields);
        more.add(new Field(name, value, inline));
        return new Embed(title, description, url, color, more, footer);
    }

    public Embed withColor(int rgb) {
        return new Embed(title, description, url, rgb, fields, footer);
    }

    public Embed withUrl(String link) {
        return new Embed(title, description, link, color, fields, footer);
    }

    public Embed withFooter(String text) {
        return new Embed(title, description, url, color, fields, text);
    }

    /** Characters that count toward Discord's 6,000 per message. */
    int characters() {
        int count = length(title) + length(description) + length(footer);
        for (Field field : fields) {
            count += field.name().length() + field.value().length();
        }
        return count;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
