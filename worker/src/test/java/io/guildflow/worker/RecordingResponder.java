package io.guildflow.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.discord.DeliveryResult;
import io.guildflow.worker.discord.DiscordResponder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the Discord adapter: records every answer it is asked to send and, like Discord,
 * reports the second answer for the same interaction as an edit of the original.
 */
public final class RecordingResponder implements DiscordResponder {
    public record Sent(String interactionId, ObjectNode callback, DeliveryResult result, String responderName) {
    }

    private final String name;
    private final List<Sent> sent;
    private final Set<String> answered;

    /** Responders created with {@link #sibling(String)} share one record, like one Discord. */
    public RecordingResponder(String name) {
        this(name, new CopyOnWriteArrayList<>(), ConcurrentHashMap.newKeySet());
    }

    private RecordingResponder(String name, List<Sent> sent, Set<String> answered) {
        this.name = name;
        this.sent = sent;
        this.answered = answered;
    }

    public RecordingResponder sibling(String otherName) {
        return new RecordingResponder(otherName, sent, answered);
    }

    @Override
    public DeliveryResult respond(InteractionEnvelope envelope, ResponseBodies response) {
        DeliveryResult result = answered.add(envelope.interactionId()) ? DeliveryResult.ANSWERED : DeliveryResult.EDITED;
        sent.add(new Sent(envelope.interactionId(), response.callback().deepCopy(), result, name));
        return result;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Sent> sentFor(String interactionId) {
        return sent.stream().filter(s -> s.interactionId().equals(interactionId)).toList();
    }

    public long answeredCount() {
        return sent.stream().filter(s -> s.result() == DeliveryResult.ANSWERED).count();
    }
}
