package io.guildflow.worker.context;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.api.GuildConfig;
import io.guildflow.api.MessageCommandContext;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.time.Clock;

/** A message context-menu command: the target message comes from {@code data.resolved.messages}. */
final class MessageMenuPayload extends Payload implements MessageCommandContext {

    MessageMenuPayload(InteractionEnvelope envelope, Connection transaction, Clock clock, GuildConfig config) {
        super(envelope, transaction, clock, config);
    }

    @Override
    public String commandName() {
        return data().path("name").asText();
    }

    @Override
    public TargetMessage target() {
        String id = data().path("target_id").asText();
        JsonNode message = data().path("resolved").path("messages").path(id);
        return new TargetMessage(id, message.path("author").path("id").asText(""), message.path("content").asText(""));
    }
}
