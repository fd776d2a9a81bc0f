package io.guildflow.worker.discord;

import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.envelope.InteractionEnvelope;

/**
 * The worker's only way to answer Discord (a port; {@link RestDiscordResponder} is the adapter).
 *
 * <p>Contract: POST the callback; when Discord answers 40060 (already acknowledged: the gateway's
 * guard deferred, or an earlier attempt answered) PATCH {@code @original} with the callback's message
 * instead, except after a deferred update of a component's message (the guard's type 6), when a reply
 * becomes a follow-up (that message is not the reply's to overwrite). Then the {@code @original} edit of a
 * deferral, then the follow-ups. The worker always
 * passes the response stored in the ledger, so a redelivery never produces a different answer. Everything
 * but a follow-up is safe to repeat (a second callback is refused, an edit with the same content shows
 * nothing new); Discord has no idempotency key for follow-ups, so {@code beforeFollowUps} runs once before
 * the first of them and records the answer as sent for good. A redelivery of an answer whose send was not recorded
 * goes through {@link #respondAgain}, which reads before it writes, so not even an identical edit is repeated.
 */
public interface DiscordResponder {

    /** Runs before the first follow-up of an answer is sent. */
    @FunctionalInterface
    interface BeforeFollowUps {
        void run() throws Exception;
    }

    /** Like {@link #respond(InteractionEnvelope, ResponseBodies)}, telling {@code beforeFollowUps} first. */
    default Responded respond(InteractionEnvelope envelope, ResponseBodies response,
                                   BeforeFollowUps beforeFollowUps) throws Exception {
        return respond(envelope, response);
    }

    /**
     * Like {@link #respond(InteractionEnvelope, ResponseBodies, BeforeFollowUps)} for an answer an earlier delivery
     * may have sent without recording it (the handler did not run again: the ledger held the answer, not its send).
     * Looks at what Discord shows first and sends nothing it already shows ({@link Responded#SHOWN_ALREADY}), so a
     * worker killed between Discord's acceptance and the record costs no repeated edit. Only redeliveries pay the
     * read; an adapter that cannot read sends as {@code respond} does.
     */
    default Responded respondAgain(InteractionEnvelope envelope, ResponseBodies response,
                                   BeforeFollowUps beforeFollowUps) throws Exception {
        return respond(envelope, response, beforeFollowUps);
    }

    /**
     * @return how the answer reached Discord; {@link Responded#EXPIRED} when it never can
     *         (10062 unknown interaction, 50027 invalid webhook token)
     * @throws Exception for anything transient (network, 5xx, rate limit): the event is retried later
     *         and this method called again with the same response
     */
    Responded respond(InteractionEnvelope envelope, ResponseBodies response) throws Exception;
}
