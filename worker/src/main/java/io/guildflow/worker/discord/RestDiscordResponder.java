package io.guildflow.worker.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.discord.InteractionResponse;
import io.guildflow.common.envelope.InteractionEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers over Discord's REST API. When the callback is refused as already acknowledged (the
 * gateway's guard deferred it, or an earlier delivery of this same stored answer got through), the
 * answer becomes an edit of {@code @original}: the user sees one message either way.
 */
public final class RestDiscordResponder implements DiscordResponder {
    private static final Logger log = LoggerFactory.getLogger(RestDiscordResponder.class);

    private final DiscordRestClient rest;

    public RestDiscordResponder(DiscordRestClient rest) {
        this.rest = rest;
    }

    @Override
    public DeliveryResult respond(InteractionEnvelope envelope, ObjectNode callback) {
        JsonNode data = callback.get("data");
        InteractionResponse response = new InteractionResponse(callback.path("type").asInt(),
                data instanceof ObjectNode object ? object : null);
        try {
            rest.respond(envelope.interactionId(), envelope.token(), response);
            return DeliveryResult.ANSWERED;
        } catch (DiscordApiException e) {
            if (e.isAlreadyAcknowledged()) {
                return editInstead(envelope, response);
            }
            if (e.isUnknownInteraction() || e.isInvalidWebhookToken()) {
                log.warn("interaction {} can no longer be answered: {}", envelope.interactionId(), e.getMessage());
                return DeliveryResult.EXPIRED;
            }
            throw e;
        }
    }

    private DeliveryResult editInstead(InteractionEnvelope envelope, InteractionResponse response) {
        if (!carriesMessage(response)) {
            // A deferral, an autocomplete or a modal has nothing to put in @original: acknowledged is all it wanted.
            return DeliveryResult.EDITED;
        }
        ObjectNode edit = response.data().deepCopy();
        edit.remove("flags"); // ephemerality is fixed by the first acknowledgement and cannot be edited
        try {
            rest.editOriginal(envelope.applicationId(), envelope.token(), edit);
            return DeliveryResult.EDITED;
        } catch (DiscordApiException e) {
            if (e.isUnknownInteraction() || e.isInvalidWebhookToken()) {
                log.warn("interaction {} can no longer be edited: {}", envelope.interactionId(), e.getMessage());
                return DeliveryResult.EXPIRED;
            }
            throw e;
        }
    }

    private static boolean carriesMessage(InteractionResponse response) {
        return response.data() != null && (response.type() == InteractionResponse.CHANNEL_MESSAGE_WITH_SOURCE
                || response.type() == InteractionResponse.UPDATE_MESSAGE);
    }
}
