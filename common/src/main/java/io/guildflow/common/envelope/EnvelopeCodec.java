package io.guildflow.common.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The envelope's JSON form ({@code "v": 1}). Decoding is strict on what every hop needs and
 * ignores everything else, so newer gateways can add fields without breaking older workers.
 */
public final class EnvelopeCodec {
    private final ObjectMapper mapper;

    public EnvelopeCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public EnvelopeCodec() {
        this(new ObjectMapper());
    }

    public byte[] encode(InteractionEnvelope envelope) {
        ObjectNode json = mapper.createObjectNode();
        json.put("v", envelope.version());
        json.put("id", envelope.interactionId());
        json.put("type", envelope.type());
        envelope.guildId().ifPresent(guild -> json.put("guild_id", guild));
        json.put("channel_id", envelope.channelId());
        json.put("user_id", envelope.userId());
        json.put("application_id", envelope.applicationId());
        json.put("token", envelope.token());
        json.put("received_at", envelope.receivedAt().toString());
        json.put("shard", envelope.shardId());
        json.set("interaction", envelope.raw());
        try {
            return mapper.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode envelope " + envelope.interactionId(), e);
        }
    }

    public InteractionEnvelope decode(byte[] data) {
        JsonNode json;
        try {
            json = mapper.readTree(data);
        } catch (JsonProcessingException e) {
            throw new MalformedEnvelopeException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEnvelopeException("unreadable: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new MalformedEnvelopeException("not a JSON object");
        }
        int version = json.path("v").asInt(-1);
        if (version != InteractionEnvelope.CURRENT_VERSION) {
            throw new MalformedEnvelopeException("unsupported envelope version " + json.path("v"));
        }
        JsonNode interaction = json.path("interaction");
        if (!interaction.isObject()) {
            throw new MalformedEnvelopeException("envelope has no 'interaction' object");
        }
        if (!json.path("type").isInt()) {
            throw new MalformedEnvelopeException("envelope has no numeric 'type'");
        }
        return new InteractionEnvelope(version,
                InteractionEnvelope.requiredText(json, "id"),
                json.get("type").asInt(),
                Optional.ofNullable(InteractionEnvelope.textOrNull(json.path("guild_id"))),
                InteractionEnvelope.textOrNull(json.path("channel_id")),
                InteractionEnvelope.textOrNull(json.path("user_id")),
                InteractionEnvelope.textOrNull(json.path("application_id")),
                InteractionEnvelope.requiredText(json, "token"),
                receivedAt(json),
                json.path("shard").asInt(0),
                interaction);
    }

    private static Instant receivedAt(JsonNode json) {
        try {
            return UtcInstants.parse(InteractionEnvelope.requiredText(json, "received_at"));
        } catch (DateTimeParseException e) {
            throw new MalformedEnvelopeException("envelope 'received_at' is not an ISO-8601 instant", e);
        }
    }
}
