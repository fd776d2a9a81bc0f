package io.guildflow.api.event;

import java.util.Optional;

/**
 * A reaction's emoji.
 *
 * @param id   a custom emoji's id; empty for a Unicode emoji
 * @param name the Unicode emoji itself ({@code ⭐}) or the custom emoji's name; empty when Discord omits it
 */
public record Emoji(Optional<String> id, String name) {
    static Emoji of(JsonView emoji) {
        return new Emoji(emoji.snowflake("id"), emoji.string("name").orElse(""));
    }

    /** {@code name:id} for a custom emoji, the emoji itself otherwise: what reaction routes of Discord's REST take. */
    public String key() {
        return id.map(value -> name + ":" + value).orElse(name);
    }
}
