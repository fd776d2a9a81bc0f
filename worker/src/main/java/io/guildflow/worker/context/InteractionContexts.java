package io.guildflow.worker.context;

import io.guildflow.api.AutocompleteContext;
import io.guildflow.api.CommandContext;
import io.guildflow.api.ComponentContext;
import io.guildflow.api.GuildConfig;
import io.guildflow.api.MessageCommandContext;
import io.guildflow.api.ModalContext;
import io.guildflow.api.UserCommandContext;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.time.Clock;

/**
 * Builds the context a handler sees from the envelope's raw Discord payload, on the transaction's
 * connection. Only the fields a handler can read are parsed, so new Discord fields never break it.
 */
public final class InteractionContexts {
    private final Clock clock;

    public InteractionContexts(Clock clock) {
        this.clock = clock;
    }

    public CommandContext command(InteractionEnvelope envelope, Connection tx, GuildConfig config) {
        return new CommandPayload(envelope, tx, clock, config);
    }

    public AutocompleteContext autocomplete(InteractionEnvelope envelope, Connection tx, GuildConfig config) {
        return new CommandPayload(envelope, tx, clock, config);
    }

    public UserCommandContext userCommand(InteractionEnvelope envelope, Connection tx, GuildConfig config) {
        return new MenuPayload.OnUser(envelope, tx, clock, config);
    }

    public MessageCommandContext messageCommand(InteractionEnvelope envelope, Connection tx, GuildConfig config) {
        return new MenuPayload.OnMessage(envelope, tx, clock, config);
    }

    public ComponentContext component(InteractionEnvelope envelope, Connection tx, GuildConfig config) {
        return new ComponentPayload(envelope, tx, clock, config);
    }

    public ModalContext modal(InteractionEnvelope envelope, Connection tx, GuildConfig config) {
        return new ModalPayload(envelope, tx, clock, config);
    }
}
