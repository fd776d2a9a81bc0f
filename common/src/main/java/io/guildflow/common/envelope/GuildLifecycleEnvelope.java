package io.guildflow.common.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The bot joined or left a guild: a {@code lifecycle} event on {@code gf.<env>.lifecycle.<guildId>}, a subject
 * family of its own (not an {@link InteractionKind}).
 * A guild that is merely unavailable (a Discord outage) has neither joined nor left and produces
 * no event. JSON, versioned like the interaction envelope:
 * <pre>{"v":1,"kind":"lifecycle","event":"joined"|"left","guild_id":"…","shard":0,
 *  "received_at":"…","guild":{the GUILD_CREATE or GUILD_DELETE payload as Discord sent it}}</pre>
 * Workers apply these idempotently (a join is an upsert, a leave a mark): two gateways during a
 * rollout may both forward one.
 */
public record GuildLifecycleEnvelope(int version, Event event, String guildId, int shardId, Instant receivedAt,
                                     JsonNode raw) {
    public enum Event {
        JOINED, LEFT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The JSON's {@code "kind"}: unchanged from when lifecycle was an interaction kind, so old and new read each other. */
    static final String KIND = "lifecycle";

    public GuildLifecycleEnvelope {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(guildId, "guildId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(raw, "raw");
    }

    public static GuildLifecycleEnvelope of(Event event, String guildId, int shardId, Instant receivedAt,
                                            JsonNode raw) {
        return new GuildLifecycleEnvelope(InteractionEnvelope.CURRENT_VERSION, event, guildId, shardId, receivedAt,
                raw);
    }

    /**
     * The same for every gateway that saw the same fact, so JetStream keeps one: a join is named by
     * Discord's {@code joined_at}; a leave carries no timestamp, so it is named by the ten seconds
     * it arrived in (a rare duplicate across that boundary is harmless, see the class comment).
     */
    public String messageId() {
        String discriminator = event == Event.JOINED && raw.path("joined_at").isTextual()
                ? raw.path("joined_at").asText()
                : Long.toString(receivedAt.getEpochSecond() / 10);
        return "guild-" + guildId + "-" + event.label() + "-" + discriminator;
    }

    public byte[] encode(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("v", version);
        json.put("kind", KIND);
        json.put("event", event.label());
        json.put("guild_id", guildId);
        json.put("shard", shardId);
        json.put("received_at", receivedAt.toString());
        json.set("guild", raw);
        try {
            return mapper.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode lifecycle event of guild " + guildId, e);
        }
    }

    /** @throws MalformedEnvelopeException when the bytes are not a lifecycle envelope of a known version */
    public static GuildLifecycleEnvelope decode(ObjectMapper mapper, byte[] data) {
        JsonNode json;
        try {
            json = mapper.readTree(data);
        } catch (IOException e) {
            throw new MalformedEnvelopeException("not JSON: " + e.getMessage(), e);
        }
        if (json == null || json.path("v").asInt(-1) != InteractionEnvelope.CURRENT_VERSION
                || !KIND.equals(json.path("kind").asText())) {
            throw new MalformedEnvelopeException("not a version-1 lifecycle envelope");
        }
        Event event;
        try {
            event = Event.valueOf(json.path("event").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException("unknown lifecycle event " + json.path("event"), e);
        }
        Instant receivedAt;
        try {
            receivedAt = UtcInstants.parse(InteractionEnvelope.requiredText(json, "received_at"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedEnvelopeException("lifecycle 'received_at' is not an ISO-8601 instant", e);
        }
        return new GuildLifecycleEnvelope(1, event, InteractionEnvelope.requiredText(json, "guild_id"),
                json.path("shard").asInt(0), receivedAt, json.path("guild"));
    }
}
