package io.guildflow.testkit.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.recording.InteractionAnswer;
import io.guildflow.testkit.recording.InteractionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/** Mutable, thread-safe life of one interaction; enforces Discord's acknowledgement and token rules. */
public final class InteractionState {
    public static final Duration ACK_DEADLINE = Duration.ofSeconds(3);
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    private static final int LOADING = 1 << 7;

    private final long id;
    private final String token;
    private final int type;
    private final String name;
    private final Long guildId;
    private final long channelId;
    private final long userId;
    private final int shard;
    private final Instant dispatchedAt;
    private final ObjectNode sourceMessage;
    private final CompletableFuture<InteractionRecord> responded = new CompletableFuture<>();
    private final CompletableFuture<InteractionRecord> acknowledged = new CompletableFuture<>();

    private Instant acknowledgedAt;
    private Integer ackType;
    private int accepted;
    private final List<InteractionRecord.Refusal> refusals = new ArrayList<>();
    private JsonNode callbackData;
    private ObjectNode message;
    private int edits;
    private final List<JsonNode> followUps = new ArrayList<>();
    /** Live follow-up messages by id (ephemeral ones too, which no channel stores), until deleted. */
    private final java.util.Map<String, ObjectNode> liveFollowUps = new java.util.HashMap<>();
    private Instant respondedAt;
    private final List<InteractionAnswer> answers = new ArrayList<>();

    public InteractionState(
            long id,
            String token,
            int type,
            String name,
            Long guildId,
            long channelId,
            long userId,
            int shard,
            Instant dispatchedAt,
            ObjectNode sourceMessage) {
        this.id = id;
        this.token = token;
        this.type = type;
        this.name = name;
        this.guildId = guildId;
        this.channelId = channelId;
        this.userId = userId;
        this.shard = shard;
        this.dispatchedAt = dispatchedAt;
        this.sourceMessage = sourceMessage;
    }

    public long id() {
        return id;
    }

    public String token() {
        return token;
    }

    public Long guildId() {
        return guildId;
    }

    public long channelId() {
        return channelId;
    }

    public Instant dispatchedAt() {
        return dispatchedAt;
    }

    public CompletableFuture<InteractionRecord> respondedFuture() {
        return responded;
    }

    public CompletableFuture<InteractionRecord> acknowledgedFuture() {
        return acknowledged;
    }

    /**
     * POST /interactions/{id}/{token}/callback. {@code newMessage} builds a fresh bot message in the interaction's
     * channel from a body, given the new message id is chosen by the caller.
     */
    public AckResult acknowledge(int callbackType, JsonNode data, Instant now, IntFunction<ObjectNode> newMessage) {
        AckResult result;
        synchronized (this) {
            if (!allowed(callbackType)) {
                refusals.add(new InteractionRecord.Refusal(now, callbackType, 400, 50035));
                return AckResult.error(400, 50035, "Invalid Form Body");
            }
            if (accepted > 0) {
                refusals.add(new InteractionRecord.Refusal(now, callbackType, 400, 40060));
                return AckResult.error(400, 40060, "Interaction has already been acknowledged.");
            }
            if (Duration.between(dispatchedAt, now).compareTo(ACK_DEADLINE) > 0) {
                refusals.add(new InteractionRecord.Refusal(now, callbackType, 404, 10062));
                return AckResult.error(404, 10062, "Unknown interaction");
            }
            accepted++;
            ackType = callbackType;
            acknowledgedAt = now;
            callbackData = data == null ? null : data.deepCopy();
            switch (callbackType) {
                case 4 -> message = newMessage.apply(data == null ? 0 : data.path("flags").asInt(0));
                case 5 -> {
                    message = newMessage.apply(LOADING | (data == null ? 0 : data.path("flags").asInt(0) & 64));
                }
                case 6 -> message = sourceMessage;
                case 7 -> {
                    message = sourceMessage;
                    if (message != null && data != null) {
                        synchronized (message) {
                            Payloads.applyEdit(message, data, now);
                        }
                    }
                }
                default -> {}
            }
            if (callbackType == 4 || callbackType == 7 || callbackType == 8 || callbackType == 9 || callbackType == 1) {
                respondedAt = now;
            }
            JsonNode shown = switch (callbackType) {
                case 4, 5, 7 -> message == null ? null : copy(message);
                case 8, 9 -> callbackData;
                default -> null;
            };
            answers.add(new InteractionAnswer(now, InteractionAnswer.RESPONSE, callbackType, shown));
            result = AckResult.ok(message == null ? null : copy(message));
        }
        return result;
    }

    /** Records a callback refused before it reached the acknowledgement rules (e.g. an invalid form body). */
    public synchronized void refuse(Instant now, int callbackType, int status, int code) {
        refusals.add(new InteractionRecord.Refusal(now, callbackType, status, code));
    }

    /** Which callback types Discord accepts for this interaction type. */
    private boolean allowed(int callbackType) {
        return switch (type) {
            case 1 -> callbackType == 1;
            case 2 -> Set.of(4, 5, 9, 10, 12).contains(callbackType);
            case 3 -> Set.of(4, 5, 6, 7, 9, 10, 12).contains(callbackType);
            case 4 -> callbackType == 8;
            case 5 -> Set.of(4, 5, 10, 12).contains(callbackType)
                    || (sourceMessage != null && (callbackType == 6 || callbackType == 7));
            default -> false;
        };
    }

    /**
     * Discord refuses webhook calls on an interaction token older than 15 minutes (401/50027), and on one whose
     * interaction was not acknowledged within 3 s: that token was invalidated ("Responding to an Interaction"), so
     * its webhook does not exist (404/10015).
     */
    public AckResult checkToken(Instant now) {
        Duration age = Duration.between(dispatchedAt, now);
        if (age.compareTo(TOKEN_LIFETIME) > 0) {
            return AckResult.error(401, 50027, "Invalid Webhook Token");
        }
        synchronized (this) {
            if (accepted == 0 && age.compareTo(ACK_DEADLINE) > 0) {
                return AckResult.error(404, 10015, "Unknown Webhook");
            }
        }
        return null;
    }

    public synchronized AckResult original() {
        if (message == null) {
            return AckResult.error(404, 10008, "Unknown Message");
        }
        return AckResult.ok(copy(message));
    }

    public AckResult editOriginal(JsonNode edit, Instant now) {
        AckResult result;
        synchronized (this) {
            if (message == null) {
                return AckResult.error(404, 10008, "Unknown Message");
            }
            synchronized (message) {
                Payloads.applyEdit(message, edit, now);
                message.put("flags", message.path("flags").asInt(0) & ~LOADING);
            }
            edits++;
            if (respondedAt == null) {
                respondedAt = now;
            }
            answers.add(new InteractionAnswer(now, InteractionAnswer.EDIT, null, copy(message)));
            result = AckResult.ok(copy(message));
        }
        return result;
    }

    public synchronized AckResult deleteOriginal() {
        if (message == null) {
            return AckResult.error(404, 10008, "Unknown Message");
        }
        message = null;
        return AckResult.ok(null);
    }

    /**
     * POST webhooks/{app}/{token}: a new follow-up message, except directly after a deferred reply (callback 5,
     * nothing sent since), where Discord's documented backwards compatibility edits the loading message instead
     * and keeps its ephemeral flag.
     */
    public AckResult followUp(JsonNode body, Instant now, IntFunction<ObjectNode> newMessage) {
        synchronized (this) {
            boolean editsOriginal = ackType != null && ackType == 5 && message != null && edits == 0
                    && followUps.isEmpty() && (message.path("flags").asInt(0) & LOADING) != 0;
            if (editsOriginal) {
                ObjectNode edit = body.deepCopy();
                edit.remove("flags");
                return editOriginal(edit, now);
            }
            ObjectNode created = newMessage.apply(body.path("flags").asInt(0));
            followUps.add(copy(created));
            answers.add(new InteractionAnswer(now, InteractionAnswer.FOLLOW_UP, null, copy(created)));
            liveFollowUps.put(created.path("id").asText(), created);
            if (respondedAt == null) {
                respondedAt = now;
            }
            return AckResult.ok(copy(created));
        }
    }

    /** A follow-up message of this interaction that still exists (GET/PATCH/DELETE webhook message). */
    public synchronized java.util.Optional<ObjectNode> followUpMessage(String messageId) {
        return java.util.Optional.ofNullable(liveFollowUps.get(messageId));
    }

    /** This interaction's answer or live follow-up with that id, as it is now: ephemeral ones are stored nowhere else. */
    public synchronized java.util.Optional<ObjectNode> answerMessage(String messageId) {
        if (message != null && messageId.equals(message.path("id").asText())) {
            return java.util.Optional.of(message);
        }
        return followUpMessage(messageId);
    }

    /** Edits a live follow-up (PATCH webhook message); empty if it does not exist (any more). */
    public java.util.Optional<ObjectNode> editFollowUp(String messageId, JsonNode edit, Instant now) {
        synchronized (this) {
            ObjectNode live = liveFollowUps.get(messageId);
            if (live == null) {
                return java.util.Optional.empty();
            }
            ObjectNode after;
            synchronized (live) {
                Payloads.applyEdit(live, edit, now);
                after = live.deepCopy();
            }
            answers.add(new InteractionAnswer(now, InteractionAnswer.FOLLOW_UP_EDIT, null, after.deepCopy()));
            return java.util.Optional.of(after);
        }
    }

    /** Deletes a follow-up; false if it does not exist (any more). */
    public synchronized boolean deleteFollowUp(String messageId) {
        return liveFollowUps.remove(messageId) != null;
    }

    /**
     * Completes the waiters of {@code awaitAcknowledged}/{@code awaitResponse} once the state qualifies. Called by
     * the REST layer after the call that changed the state has been recorded, so a woken test sees the call.
     */
    public void publish() {
        InteractionRecord now = snapshot();
        if (now.acknowledged()) {
            acknowledged.complete(now);
        }
        if (now.respondedAt() != null) {
            responded.complete(now);
        }
    }

    public synchronized InteractionRecord snapshot() {
        return new InteractionRecord(
                Json.id(id),
                token,
                type,
                name,
                guildId == null ? null : Json.id(guildId),
                Json.id(channelId),
                Json.id(userId),
                shard,
                dispatchedAt,
                acknowledgedAt,
                ackType,
                accepted,
                List.copyOf(refusals),
                callbackData,
                message == null ? null : copy(message),
                edits,
                List.copyOf(followUps),
                respondedAt,
                List.copyOf(answers));
    }

    private static ObjectNode copy(ObjectNode node) {
        synchronized (node) {
            return node.deepCopy();
        }
    }
}
