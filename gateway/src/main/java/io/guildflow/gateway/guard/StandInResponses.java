package io.guildflow.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.Message;
import io.guildflow.api.Response;
import io.guildflow.common.discord.ResponseEncoder;
import io.guildflow.common.envelope.InteractionKind;
import java.util.List;
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
    static final String UNAVAILABLE_TEXT =
            "The bot is temporarily unavailable and could not handle this. Please try again in a moment.";

    private StandInResponses() {
    }

    /** Empty for kinds Discord never asks to be acknowledged (lifecycle events). */
    static Optional<ObjectNode> forKind(InteractionKind kind) {
        return switch (kind) {
            // a bare public deferral: the worker's answer (or the unavailable notice) edits it later
            case COMMAND, MODAL -> Optional.of(callback(new Response.DeferredReply(false, null, List.of())));
            case COMPONENT -> Optional.of(callback(Response.deferUpdate()));
            case AUTOCOMPLETE -> Optional.of(callback(Response.choices()));
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
            return callback(kind == InteractionKind.AUTOCOMPLETE ? Response.choices() : Response.ephemeral(UNAVAILABLE_TEXT));
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
            Message notice = Message.text(UNAVAILABLE_TEXT);
            return ResponseEncoder.message(followsUp() ? notice.asEphemeral() : notice);
        }
    }

    static Unavailable unavailable(InteractionKind kind) {
        return new Unavailable(kind);
    }

    /** The one encoding of answers (the worker's too): Discord's callback body. */
    private static ObjectNode callback(Response response) {
        return ResponseEncoder.encode(response).callback();
    }
}
