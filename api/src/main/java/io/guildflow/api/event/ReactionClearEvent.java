package io.guildflow.api.event;

import java.util.Optional;

/**
 * {@code MESSAGE_REACTION_REMOVE_ALL} (every reaction of a message) and {@code MESSAGE_REACTION_REMOVE_EMOJI} (every
 * reaction with one emoji).
 */
public record ReactionClearEvent(JsonView json) implements InChannel {

    public String messageId() {
        return Views.id(json, "message_id");
    }

    /** The emoji cleared; empty for {@code MESSAGE_REACTION_REMOVE_ALL}. */
    public Optional<Emoji> emoji() {
        return json.has("emoji") ? Optional.of(Emoji.of(json.object("emoji"))) : Optional.empty();
    }
}
