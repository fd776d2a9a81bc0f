package io.guildflow.gateway.guard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.envelope.InteractionKind;
import java.util.Optional;

/**
 * What the guard sends when no worker acknowledged in time: the acknowledgement that promises
 * least and leaves the worker free to give the real answer later. Bodies of
 * {@code POST interactions/{id}/{token}/callback}, numbered as in Discord's callback type table.
 *
 * <p>Commands, context menus and modal submits are deferred <em>publicly</em> (type 5 without
 * the ephemeral flag). A command's visibility is decided by its handler inside the worker and
 * is not known to the gateway, and Discord fixes the visibility with the first acknowledgement:
 * a reply the handler meant to be ephemeral therefore becomes a public edit of the deferred
 * message when the guard had to step in. We chose this over deferring ephemerally because a
 * public answer that arrives is less surprising than a public answer hidden from the channel.
 */
final class StandInResponses {
    static final int CHANNEL_MESSAGE_WITH_SOURCE = 4;
    static final int DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5;
    static final int DEFERRED_UPDATE_MESSAGE = 6;
    static final int AUTOCOMPLETE_RESULT = 8;
    static final int FLAG_EPHEMERAL = 1 << 6;
    static final String UNAVAILABLE_TEXT =
            "The bot is temporarily unavailable and could not handle this. Please try again in a moment.";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StandInResponses() {
    }

    /** Empty for kinds Discord never asks to be acknowledged (lifecycle events). */
    static Optional<ObjectNode> forKind(InteractionKind kind) {
        return switch (kind) {
            case COMMAND, MODAL -> Optional.of(callback(DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE));
            case COMPONENT -> Optional.of(callback(DEFERRED_UPDATE_MESSAGE));
            case AUTOCOMPLETE -> Optional.of(noChoices());
            case LIFECYCLE -> Optional.empty();
        };
    }

    /**
     * How a user whose interaction never reached a worker is told.
     *
     * @param kind the interaction's kind, which decides where the notice can go
     */
    record Unavailable(InteractionKind kind) {
        /** When nothing acknowledged the interaction yet: an ephemeral message (empty choices for autocomplete). */
        ObjectNode asAcknowledgement() {
            if (kind == InteractionKind.AUTOCOMPLETE) {
                return noChoices();
            }
            ObjectNode callback = callback(CHANNEL_MESSAGE_WITH_SOURCE);
            callback.set("data", NODES.objectNode().put("content", UNAVAILABLE_TEXT).put("flags", FLAG_EPHEMERAL));
            return callback;
        }

        /** After a public deferral (type 5) the deferred message itself says it. */
        boolean editsOriginal() {
            return kind == InteractionKind.COMMAND || kind == InteractionKind.MODAL;
        }

        /** After a deferred update (type 6) the message is not ours to overwrite: a follow-up only the user sees. */
        boolean followsUp() {
            return kind == InteractionKind.COMPONENT;
        }

        ObjectNode message() {
            ObjectNode message = NODES.objectNode().put("content", UNAVAILABLE_TEXT);
            if (followsUp()) {
                message.put("flags", FLAG_EPHEMERAL);
            }
            return message;
        }
    }

    static Unavailable unavailable(InteractionKind kind) {
        return new Unavailable(kind);
    }

    private static ObjectNode callback(int type) {
        return NODES.objectNode().put("type", type);
    }

    private static ObjectNode noChoices() {
        ObjectNode callback = callback(AUTOCOMPLETE_RESULT);
        callback.putObject("data").putArray("choices");
        return callback;
    }
}
