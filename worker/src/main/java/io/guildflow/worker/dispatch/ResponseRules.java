package io.guildflow.worker.dispatch;

import io.guildflow.api.Response;
import io.guildflow.common.envelope.InteractionKind;

/**
 * Which answers Discord accepts for which interaction: a wrong pairing is a handler bug, reported
 * like a thrown exception (rolled back, apology) instead of a 400 from Discord.
 */
final class ResponseRules {
    private ResponseRules() {
    }

    static void check(InteractionKind kind, Response response) {
        boolean fits;
        if (response instanceof Response.Choices) {
            fits = kind == InteractionKind.AUTOCOMPLETE;
        } else if (response instanceof Response.Update || response instanceof Response.DeferredUpdate) {
            fits = kind == InteractionKind.COMPONENT || kind == InteractionKind.MODAL;
        } else if (response instanceof Response.ShowModal) {
            fits = kind == InteractionKind.COMMAND || kind == InteractionKind.COMPONENT;
        } else {
            fits = kind != InteractionKind.AUTOCOMPLETE; // Reply, DeferredReply
        }
        if (response instanceof Response.DeferredReply deferred && deferred.original() == null
                && deferred.followUps().isEmpty()) {
            // Nothing would ever replace "thinking…": the handler has no later chance to answer.
            throw new IllegalStateException("a deferred reply needs the message that replaces \"thinking…\" or a follow-up");
        }
        if (!fits) {
            throw new IllegalStateException("Discord does not accept " + response.getClass().getSimpleName()
                    + " as the answer to a " + kind.subjectToken() + " interaction");
        }
    }
}
