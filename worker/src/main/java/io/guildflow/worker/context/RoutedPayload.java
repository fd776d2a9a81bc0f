package io.guildflow.worker.context;

import io.guildflow.api.CustomId;
import io.guildflow.api.GuildConfig;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.time.Clock;

/** Components and modals: routed by their custom_id's prefix, with state in the rest of it. */
abstract class RoutedPayload extends Payload {

    RoutedPayload(InteractionEnvelope envelope, Connection transaction, Clock clock, GuildConfig config) {
        super(envelope, transaction, clock, config);
    }

    public String customId() {
        return data().path("custom_id").asText();
    }

    public String state() {
        return CustomId.stateOf(customId());
    }
}
