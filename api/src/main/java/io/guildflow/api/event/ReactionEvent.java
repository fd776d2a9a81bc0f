package io.guildflow.api.event;

import java.util.Optional;

/**
 * {@code MESSAGE_REACTION_ADD} and {@code MESSAGE_REACTION_REMOVE}: one user's reaction on one message. At least
 * once: keep whether the reaction is there (a row per message, user and emoji), never count arrivals.
 */
public record ReactionEvent(JsonView json) implements InChannel {

    public String userId() {
        return Views.id(json, "user_id");
    }

    public String messageId() {
        return Views.id(json, "message_id");
    }

    public Emoji emoji() {
        return Emoji.of(json.object("emoji"));
    }

    /** Who wrote the message (adds only; Discord does not send it on removal). */
    public Optional<String> messageAuthorId() {
        return json.snowflake("message_author_id");
    }

    /** Whether it is a super reaction. */
    public boolean burst() {
        return json.bool("burst").orElse(false);
    }
}
