package io.guildflow.common.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One Discord interaction as it travels gateway → JetStream → worker. The raw payload is kept as
 * Discord sent it, so a new Discord field never breaks the pipeline; the other fields are the few
 * every hop needs without parsing it.
 *
 * @param guildId empty for direct messages
 */
public record InteractionEnvelope(
        int version,
        String interactionId,
        int type,
        Optional<String> guildId,
        String channelId,
        String userId,
        String applicationId,
        String token,
        Instant receivedAt,
        int shardId,
        JsonNode raw) {

    public static final int CURRENT_VERSION = 1;

    public InteractionEnvelope {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(guildId, "guildId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(raw, "raw");
    }

    public InteractionKind kind() {
        return InteractionKind.ofDiscordType(type);
    }

    public boolean inGuild() {
        return guildId.isPresent();
    }

    /**
     * Builds the envelope from the {@code d} of an INTERACTION_CREATE dispatch.
     *
     * @throws MalformedEnvelopeException when a field every hop needs is missing
     */
    public static InteractionEnvelope fromDiscord(JsonNode interaction, Instant receivedAt, int shardId) {
        String id = requiredText(interaction, "id");
        String token = requiredText(interaction, "token");
        if (!interaction.path("type").isInt()) {
            throw new MalformedEnvelopeException("interaction " + id + " has no numeric 'type'");
        }
        JsonNode user = interaction.path("member").path("user");
        if (user.isMissingNode()) {
            user = interaction.path("user");
        }
        String channelId = textOrNull(interaction.path("channel_id"));
        if (channelId == null) {
            channelId = textOrNull(interaction.path("channel").path("id"));
        }
        return new InteractionEnvelope(CURRENT_VERSION, id, interaction.get("type").asInt(),
                Optional.ofNullable(textOrNull(interaction.path("guild_id"))), channelId,
                textOrNull(user.path("id")), textOrNull(interaction.path("application_id")), token,
                receivedAt, shardId, interaction);
    }

    static String requiredText(JsonNode node, String field) {
        String value = textOrNull(node.path(field));
        if (value == null) {
            throw new MalformedEnvelopeException("interaction has no '" + field + "'");
        }
        return value;
    }

    static String textOrNull(JsonNode node) {
        return node.isTextual() || node.isNumber() ? node.asText() : null;
    }

    /** The interaction token is a credential for 15 minutes: keep it out of logs. */
    @Override
    public String toString() {
        return "InteractionEnvelope[v" + version + " id=" + interactionId + " type=" + type + " guild="
                + guildId.orElse("dm") + " channel=" + channelId + " user=" + userId + " shard=" + shardId
                + " receivedAt=" + receivedAt + "]";
    }
}
