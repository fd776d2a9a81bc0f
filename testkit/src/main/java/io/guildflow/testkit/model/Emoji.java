package io.guildflow.testkit.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A reaction emoji as Discord's partial emoji object carries it: a unicode emoji ({@code id} null, {@code name} the
 * character) or a custom one ({@code id} and {@code name}, maybe animated). The id is a String, as in
 * {@code io.guildflow.api.event.Emoji}.
 */
public record Emoji(String id, String name, boolean animated) {
    public Emoji {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an emoji needs a name (the unicode character, or the custom name)");
        }
        if (id != null) {
            Snowflakes.parse(id);
        }
    }

    public static Emoji unicode(String character) {
        return new Emoji(null, character, false);
    }

    public static Emoji custom(String name, String id) {
        return new Emoji(id, name, false);
    }

    public static Emoji animated(String name, String id) {
        return new Emoji(id, name, true);
    }

    /**
     * Parses the form Discord's REST routes use in a path: {@code name:id} for a custom emoji, else the unicode
     * character itself. IllegalArgumentException for a custom id that is not a number.
     */
    public static Emoji parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0) {
            return unicode(text);
        }
        try {
            return custom(text.substring(0, colon), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an emoji: '" + text + "' (a unicode emoji, or name:id)");
        }
    }

    /** What tells two reactions apart: the id of a custom emoji, the character of a unicode one. */
    public String key() {
        return id == null ? name : id;
    }

    public boolean custom() {
        return id != null;
    }

    /** Discord's partial emoji object: {@code id}, {@code name}, and {@code animated} for a custom emoji. */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        if (id == null) {
            o.putNull("id");
        } else {
            o.put("id", id);
        }
        o.put("name", name);
        if (id != null) {
            o.put("animated", animated);
        }
        return o;
    }
}
