package io.guildflow.worker.context;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.api.GuildConfig;
import io.guildflow.api.MessageCommandContext;
import io.guildflow.api.User;
import io.guildflow.api.UserCommandContext;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.time.Clock;

/**
 * A context-menu command, opened on a user or on a message: its name, and the target Discord resolved for it
 * under {@code data.resolved}. The two kinds differ only in where that target is and what it becomes.
 */
abstract class MenuPayload extends Payload {

    private MenuPayload(InteractionEnvelope envelope, Connection transaction, Clock clock, GuildConfig config) {
        super(envelope, transaction, clock, config);
    }

    public String commandName() {
        return data().path("name").asText();
    }

    final String targetId() {
        return data().path("target_id").asText();
    }

    /** {@code data.resolved.<collection>.<target_id>}: what the menu was opened on. */
    final JsonNode resolvedTarget(String collection) {
        return data().path("resolved").path(collection).path(targetId());
    }

    /** Opened on a user: {@code data.resolved.users}. */
    static final class OnUser extends MenuPayload implements UserCommandContext {
        OnUser(InteractionEnvelope envelope, Connection transaction, Clock clock, GuildConfig config) {
            super(envelope, transaction, clock, config);
        }

        @Override
        public User target() {
            return user(resolvedTarget("users"));
        }
    }

    /** Opened on a message: {@code data.resolved.messages}. */
    static final class OnMessage extends MenuPayload implements MessageCommandContext {
        OnMessage(InteractionEnvelope envelope, Connection transaction, Clock clock, GuildConfig config) {
            super(envelope, transaction, clock, config);
        }

        @Override
        public TargetMessage target() {
            JsonNode message = resolvedTarget("messages");
            return new TargetMessage(targetId(), message.path("author").path("id").asText(""),
                    message.path("content").asText(""));
        }
    }
}
