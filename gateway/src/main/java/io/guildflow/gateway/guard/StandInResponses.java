package io.guildflow.gateway.guard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.InteractionResponse;
import io.guildflow.common.envelope.InteractionKind;
import java.util.List;
import java.util.Optional;

/**
 * What the guard sends when no worker acknowledged in time: the acknowledgement that promises
 * least and leaves the worker free to give the real answer later.
 *
 * <p>Commands, context menus and modal submits are deferred <em>publicly</em> (type 5 without
 * the ephemeral flag). A command's visibility is decided by its handler inside the worker and
 * is not known to the gateway, and Discord fixes the visibility with the first acknowledgement:
 * a reply the handler meant to be ephemeral therefore becomes a public edit of the deferred
 * message when the guard had to step in. We chose this over deferring ephemerally because a
 * public answer that arrives is less surprising than a public answer hidden from the channel.
 */
final class StandInResponses {
    private StandInResponses() {
    }

    static final String UNAVAILABLE_TEXT =
            "The bot is temporarily unavailable and could not handle this. Please try again in a moment.";

    /**
     * How a user whose interaction never reached a worker is told.
     *
     * @param kind the interaction's kind, which decides where the notice can go
     */
    record Unavailable(InteractionKind kind) {
        /** When nothing acknowledged the interaction yet: an ephemeral message (empty choices for autocomplete). */
        InteractionResponse asAcknowledgement() {
            return kind == InteractionKind.AUTOCOMPLETE
                    ? InteractionResponse.autocomplete(List.of())
                    : InteractionResponse.ephemeralMessage(UNAVAILABLE_TEXT);
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
            ObjectNode message = JsonNodeFactory.instance.objectNode().put("content", UNAVAILABLE_TEXT);
            if (followsUp()) {
                message.put("flags", InteractionResponse.FLAG_EPHEMERAL);
            }
            return message;
        }
    }

    static Unavailable unavailable(InteractionKind kind) {
        return new Unavailable(kind);
    }

    /** Empty for kinds Discord never asks to be acknowledged (lifecycle events). */
    static Optional<InteractionResponse> forKind(InteractionKind kind) {
        return switch (kind) {
            case COMMAND, MODAL -> Optional.of(InteractionResponse.deferredMessage(false));
            case COMPONENT -> Optional.of(InteractionResponse.deferredUpdate());
            case AUTOCOMPLETE -> Optional.of(InteractionResponse.autocomplete(List.of()));
            case LIFECYCLE -> Optional.empty();
        };
    }
}
