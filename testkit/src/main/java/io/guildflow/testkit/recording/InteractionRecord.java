package io.guildflow.testkit.recording;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Snapshot of what happened to one interaction.
 *
 * @param interactionType Discord interaction type (2 command, 3 component, 4 autocomplete, 5 modal submit)
 * @param guildId null for a DM interaction
 * @param name command name (full, with subcommands) or component/modal custom_id
 * @param acknowledgementType callback type of the first accepted acknowledgement, null if none
 * @param acceptedAcknowledgements callbacks the emulator accepted (Discord accepts at most one)
 * @param refusals every refused callback, in order
 * @param message the interaction's message after callback and edits (null if none): for type 7/6 callbacks the
 *     updated component message
 * @param followUps follow-up messages created through {@code POST webhooks/{app}/{token}}
 * @param respondedAt when the interaction first had a visible response (see {@code awaitResponse})
 * @param answers every answer in order: the response, edits, follow-ups and their edits, each as it was then
 */
public record InteractionRecord(
        String id,
        String token,
        int interactionType,
        String name,
        String guildId,
        String channelId,
        String userId,
        int shard,
        Instant dispatchedAt,
        Instant acknowledgedAt,
        Integer acknowledgementType,
        int acceptedAcknowledgements,
        List<Refusal> refusals,
        JsonNode callbackData,
        JsonNode message,
        int edits,
        List<JsonNode> followUps,
        Instant respondedAt,
        List<InteractionAnswer> answers) {

    /** A refused acknowledgement: when, the callback type asked for, HTTP status and Discord error code. */
    public record Refusal(Instant at, int callbackType, int status, int code) {}

    public int refusedAcknowledgements() {
        return refusals.size();
    }

    public boolean acknowledged() {
        return acknowledgementType != null;
    }

    /** Final message content, or null when the interaction has no message. */
    public String content() {
        return message == null ? null : message.path("content").asText(null);
    }

    public JsonNode embeds() {
        return message == null ? null : message.path("embeds");
    }

    public JsonNode components() {
        return message == null ? null : message.path("components");
    }

    /** Dispatch to first accepted acknowledgement, measured with the emulator clock. */
    public Duration acknowledgementLatency() {
        return acknowledgedAt == null ? null : Duration.between(dispatchedAt, acknowledgedAt);
    }
}
