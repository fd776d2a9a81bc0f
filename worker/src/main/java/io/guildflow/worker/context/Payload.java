package io.guildflow.worker.context;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.api.DiscordActions;
import io.guildflow.api.GuildConfig;
import io.guildflow.worker.outbox.OutboxWriter;
import io.guildflow.api.InteractionContext;
import io.guildflow.api.Permissions;
import io.guildflow.api.User;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The parts of {@link InteractionContext} every kind shares, read from Discord's raw interaction. */
abstract class Payload implements InteractionContext {
    private final InteractionEnvelope envelope;
    private final Connection transaction;
    private final Clock clock;
    private final GuildConfig guildConfig;
    private DiscordActions discord;

    Payload(InteractionEnvelope envelope, Connection transaction, Clock clock, GuildConfig guildConfig) {
        this.envelope = envelope;
        this.transaction = transaction;
        this.clock = clock;
        this.guildConfig = guildConfig;
    }

    final JsonNode data() {
        return envelope.raw().path("data");
    }

    final JsonNode raw() {
        return envelope.raw();
    }

    static User user(JsonNode user) {
        return new User(user.path("id").asText(), user.path("username").asText(""),
                user.path("global_name").isTextual() ? user.path("global_name").asText() : null);
    }

    @Override
    public String interactionId() {
        return envelope.interactionId();
    }

    @Override
    public Optional<String> guildId() {
        return envelope.guildId();
    }

    @Override
    public String channelId() {
        return envelope.channelId();
    }

    @Override
    public User user() {
        JsonNode member = raw().path("member");
        return user(member.isObject() ? member.path("user") : raw().path("user"));
    }

    @Override
    public Permissions memberPermissions() {
        String bits = raw().path("member").path("permissions").asText("");
        try {
            return bits.isEmpty() ? Permissions.NONE : new Permissions(Long.parseUnsignedLong(bits));
        } catch (NumberFormatException e) {
            return Permissions.NONE;
        }
    }

    @Override
    public String locale() {
        return raw().path("locale").asText("en-US");
    }

    @Override
    public GuildConfig guildConfig() {
        return guildConfig;
    }

    @Override
    public Connection sql() {
        return transaction;
    }

    @Override
    public DiscordActions discord() {
        if (discord == null) {
            discord = OutboxWriter.forInteraction(transaction, envelope.interactionId());
        }
        return discord;
    }

    @Override
    public Instant receivedAt() {
        return envelope.receivedAt();
    }

    @Override
    public Instant now() {
        return clock.instant();
    }
}
