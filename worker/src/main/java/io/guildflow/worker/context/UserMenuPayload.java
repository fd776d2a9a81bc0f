package io.guildflow.worker.context;

import io.guildflow.api.GuildConfig;
import io.guildflow.api.User;
import io.guildflow.api.UserCommandContext;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.time.Clock;

/** A user context-menu command: the target user comes from {@code data.resolved.users}. */
final class UserMenuPayload extends Payload implements UserCommandContext {

    UserMenuPayload(InteractionEnvelope envelope, Connection transaction, Clock clock, GuildConfig config) {
        super(envelope, transaction, clock, config);
    }

    @Override
    public String commandName() {
        return data().path("name").asText();
    }

    @Override
    public User target() {
        return user(data().path("resolved").path("users").path(data().path("target_id").asText()));
    }
}
