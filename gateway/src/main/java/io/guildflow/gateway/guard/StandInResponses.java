package io.guildflow.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.Acknowledgement;
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
 * <p>Without a declaration ({@link Acknowledgement#standard()}) commands, context menus and modal
 * submits are deferred <em>publicly</em> (type 5 without the ephemeral flag) and components with a
 * deferred update (type 6). Discord fixes visibility with the first acknowledgement, so a reply the
 * handler meant to be ephemeral becomes public in that case; a handler avoids it by declaring
 * {@link Acknowledgement#ephemeralReply()}, which makes the stand-in an ephemeral "thinking…".
 */
final class StandInResponses {
    static final String UNAVAILABLE_TEXT =
            "The bot is temporarily unavailable and could not handle this. Please try again in a moment.";

    private StandInResponses() {
    }

    /** Empty when the guard sends nothing for this kind (interactions of a type this code does not know). */
    static Optional<ObjectNode> forKind(InteractionKind kind, Acknowledgement declared) {
        boolean ephemeral = declared.reply() == Acknowledgement.Reply.EPHEMERAL;
        return switch (kind) {
            // a bare deferral: the worker's answer (or the unavailable notice) edits it later
            case COMMAND, MODAL -> Optional.of(callback(new Response.DeferredReply(ephemeral, null, List.of())));
            case COMPONENT -> Optional.of(declared.reply() == Acknowledgement.Reply.UNDECLARED
                    ? callback(Response.deferUpdate())
                    : callback(new Response.DeferredReply(ephemeral, null, List.of())));
            case AUTOCOMPLETE -> Optional.of(callback(Response.choices()));
            // Discord does expect an acknowledgement, but which callback types it accepts for a type we do not
            // know, we cannot know; and the least-promising one (a deferral, "thinking…") would be a promise
            // nobody keeps, since no worker can handle the interaction (it is dead-lettered). Sending nothing
            // lets Discord tell the user "This interaction failed" after 3 s, which is the truth.
            case UNKNOWN -> Optional.empty();
        };
    }

    /**
     * How a user whose interaction never reached a worker is told.
     *
     * @param kind    the interaction's kind
     * @param standIn the stand-in the guard sends (or sent) for it, which decides where the notice can go
     */
    record Unavailable(InteractionKind kind, ObjectNode standIn) {
        /** When nothing acknowledged the interaction yet: an ephemeral message (empty choices for autocomplete). */
        ObjectNode asAcknowledgement() {
            return callback(kind == InteractionKind.AUTOCOMPLETE ? Response.choices() : Response.ephemeral(UNAVAILABLE_TEXT));
        }

        /** After a deferral (type 5) the deferred message itself says it. */
        boolean editsOriginal() {
            return standInType() == ResponseEncoder.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE;
        }

        /** After a deferred update (type 6) the message is not ours to overwrite: a follow-up only the user sees. */
        boolean followsUp() {
            return standInType() == ResponseEncoder.DEFERRED_UPDATE_MESSAGE;
        }

        ObjectNode message() {
            Message notice = Message.text(UNAVAILABLE_TEXT);
            return ResponseEncoder.message(followsUp() ? notice.asEphemeral() : notice);
        }

        private int standInType() {
            return standIn.path("type").asInt();
        }
    }

    /** The one encoding of answers (the worker's too): Discord's callback body. */
    private static ObjectNode callback(Response response) {
        return ResponseEncoder.encode(response).callback();
    }
}
