package io.guildflow.testkit.recording;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One answer the bot gave an interaction, in the order Discord accepted them: the initial response (a callback),
 * each edit of {@code @original}, each follow-up and each edit of a follow-up. A record keeps only the latest
 * message; this keeps every step, so a person can see what each answer carried (its content and components).
 *
 * @param kind one of {@link #RESPONSE}, {@link #EDIT}, {@link #FOLLOW_UP}, {@link #FOLLOW_UP_EDIT}
 * @param callbackType the callback type of the response (4 message, 5 deferred, 6 deferred update, 7 update,
 *     8 choices, 9 modal), null for the others
 * @param body the message after this answer (for 8 and 9 the callback's data: the choices or the modal; null for
 *     a deferred update, which shows nothing new)
 */
public record InteractionAnswer(Instant at, String kind, Integer callbackType, JsonNode body) {
    public static final String RESPONSE = "response";
    public static final String EDIT = "edit";
    public static final String FOLLOW_UP = "follow-up";
    public static final String FOLLOW_UP_EDIT = "follow-up edit";

    /** The answer's text: the message content, or a modal's title; null when it has none. */
    public String content() {
        if (body == null) {
            return null;
        }
        return body.has("content") ? body.path("content").asText(null) : body.path("title").asText(null);
    }

    /** The answer's components (a message's rows, a modal's fields), or an empty node. */
    public JsonNode components() {
        return body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : body.path("components");
    }
}
