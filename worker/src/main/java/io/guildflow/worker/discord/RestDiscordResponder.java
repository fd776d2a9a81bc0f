package io.guildflow.worker.discord;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.envelope.InteractionEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers over Discord's REST API. When the callback is refused as already acknowledged (the
 * gateway's guard deferred it, or an earlier delivery of this same stored answer got through), the
 * answer becomes an edit of {@code @original}: the user sees one message either way.
 *
 * <p>Follow-ups are POSTs, which Discord cannot de-duplicate: if a worker dies after sending them
 * but before acking the event, the redelivery sends them again (at least once).
 */
public final class RestDiscordResponder implements DiscordResponder {
    private static final Logger log = LoggerFactory.getLogger(RestDiscordResponder.class);

    private final DiscordRestClient rest;

    public RestDiscordResponder(DiscordRestClient rest) {
        this.rest = rest;
    }

    @Override
    public DeliveryResult respond(InteractionEnvelope envelope, ResponseBodies response) {
        DeliveryResult result;
        try {
            rest.respond(envelope.interactionId(), envelope.token(), response.callback());
            result = DeliveryResult.ANSWERED;
        } catch (DiscordApiException e) {
            if (!e.isAlreadyAcknowledged()) {
                return expiredOrThrow(envelope, e);
            }
            ObjectNode message = response.callbackMessage();
            if (message != null && !editOriginal(envelope, withoutFlags(message))) {
                return DeliveryResult.EXPIRED;
            }
            result = DeliveryResult.EDITED;
        }
        if (response.original() != null && !editOriginal(envelope, response.original())) {
            return DeliveryResult.EXPIRED;
        }
        for (ObjectNode followUp : response.followUps()) {
            try {
                rest.followUp(envelope.applicationId(), envelope.token(), followUp);
            } catch (DiscordApiException e) {
                return expiredOrThrow(envelope, e);
            }
        }
        return result;
    }

    /** @return false when the token is dead */
    private boolean editOriginal(InteractionEnvelope envelope, ObjectNode message) {
        try {
            rest.editOriginal(envelope.applicationId(), envelope.token(), message);
            return true;
        } catch (DiscordApiException e) {
            return expiredOrThrow(envelope, e) != DeliveryResult.EXPIRED;
        }
    }

    private static DeliveryResult expiredOrThrow(InteractionEnvelope envelope, DiscordApiException e) {
        if (e.isUnknownInteraction() || e.isInvalidWebhookToken()) {
            log.warn("interaction {} can no longer be answered: {}", envelope.interactionId(), e.getMessage());
            return DeliveryResult.EXPIRED;
        }
        throw e;
    }

    /** Ephemerality is fixed by the first acknowledgement and cannot be edited. */
    private static ObjectNode withoutFlags(ObjectNode message) {
        ObjectNode edit = message.deepCopy();
        edit.remove("flags");
        return edit;
    }
}
