package io.guildflow.worker.discord;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.envelope.InteractionEnvelope;

/**
 * The worker's only way to answer Discord (a port; the adapter over the REST client lives in app).
 *
 * <p>Contract for the adapter: POST {@code callback} to the interaction callback endpoint; when
 * Discord answers 40060 (already acknowledged: the gateway's guard deferred, or an earlier attempt
 * answered) PATCH {@code @original} with {@code callback.data} instead and return {@link DeliveryResult#EDITED}.
 * Because the worker always passes the reply stored in the ledger, calling this again for the same
 * interaction is idempotent: a redelivery never produces a second, different answer.
 */
public interface DiscordResponder {

    /**
     * @param callback the full interaction callback body, {@code {"type": 4, "data": {...}}}
     * @return how the answer reached Discord; {@link DeliveryResult#EXPIRED} when it never can
     *         (10062 unknown interaction, 50027 invalid webhook token)
     * @throws Exception for anything transient (network, 5xx, rate limit): the event is retried later
     *         and this method called again with the same callback
     */
    DeliveryResult respond(InteractionEnvelope envelope, ObjectNode callback) throws Exception;
}
