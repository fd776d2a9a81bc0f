package io.guildflow.worker.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.discord.ResponseEncoder;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Whether the message Discord shows already carries an answer, so that sending it again would show nothing new.
 * A redelivery asks this before it sends: an earlier delivery that died after Discord took the answer, before it
 * recorded the send, must not have it edited into {@code @original} a second time.
 *
 * <p>Discord adds to what it was sent (a component's numeric {@code id}, an embed's {@code type}, …) and leaves out
 * fields at their defaults, so the comparison asks only that every visible field the answer sets is shown with the
 * same value. An answer that does not match is sent as before: a wrong "no" costs an identical edit, never an answer.
 */
final class ShownAnswer {
    /** Discord's flag on a deferral's "thinking…": whatever it shows, it is not an answer yet. */
    private static final int LOADING = 1 << 7;
    /** What the user sees of a message; mentions and the rest of a body change nothing on screen. */
    private static final List<String> VISIBLE = List.of("content", "embeds", "components");

    private ShownAnswer() {
    }

    /**
     * The message {@code @original} shows once this answer got through: the edit after a deferral, else the
     * callback's message (a reply, an update of the clicked message); null when the answer puts none there
     * (a deferred update, choices, a modal), and then nothing is read first.
     */
    static ObjectNode expected(ResponseBodies response) {
        return response.original() != null ? response.original() : response.callbackMessage();
    }

    /** Whether {@code shown} (the message read from Discord) already shows {@code answer}'s visible fields. */
    static boolean shows(JsonNode shown, ObjectNode answer) {
        int flags = shown.path("flags").asInt(0);
        if ((flags & LOADING) != 0) {
            return false;
        }
        if ((answer.path("flags").asInt(0) & ~flags & ResponseEncoder.FLAG_EPHEMERAL) != 0) {
            return false; // a public message with an ephemeral answer's text is not that answer
        }
        for (String field : VISIBLE) {
            if (answer.has(field) && !contains(shown.path(field), answer.get(field))) {
                return false;
            }
        }
        return true;
    }

    /** Every field of {@code expected} has the same value in {@code actual}; arrays match element by element. */
    private static boolean contains(JsonNode actual, JsonNode expected) {
        if (actual.isMissingNode() || actual.isNull()) {
            return isDefault(expected);
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!contains(actual.path(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!contains(actual.get(i), expected.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    /** A value Discord may leave out of what it returns: false, empty, or null. */
    private static boolean isDefault(JsonNode expected) {
        return expected.isNull() || (expected.isBoolean() && !expected.booleanValue())
                || (expected.isContainerNode() && expected.isEmpty()) || (expected.isTextual() && expected.asText().isEmpty());
    }
}
