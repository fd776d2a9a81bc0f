package io.guildflow.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.discord.Responded;
import io.guildflow.worker.discord.DiscordResponder;
import io.guildflow.worker.outbox.ChannelMessages;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the Discord adapter: records every answer it is asked to send and, like Discord,
 * reports the second answer for the same interaction as an edit of the original (or, asked to read first, as
 * shown already).
 */
public final class RecordingResponder implements DiscordResponder, ChannelMessages {
    public record Sent(String interactionId, ObjectNode callback, Responded result, String responderName) {
    }

    /** A channel message as it stands: created once per nonce, like Discord with {@code enforce_nonce}. */
    public record Posted(String channelId, String messageId, ObjectNode body, int edits) {
    }

    private final String name;
    private final List<Sent> sent;
    private final Set<String> answered;
    private final Map<String, Posted> posts;
    private final Map<String, String> nonces;

    /** Responders created with {@link #sibling(String)} share one record, like one Discord. */
    public RecordingResponder(String name) {
        this(name, new CopyOnWriteArrayList<>(), ConcurrentHashMap.newKeySet(), new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>());
    }

    private RecordingResponder(String name, List<Sent> sent, Set<String> answered, Map<String, Posted> posts,
                               Map<String, String> nonces) {
        this.name = name;
        this.sent = sent;
        this.answered = answered;
        this.posts = posts;
        this.nonces = nonces;
    }

    public RecordingResponder sibling(String otherName) {
        return new RecordingResponder(otherName, sent, answered, posts, nonces);
    }

    @Override
    public synchronized String create(String channelId, ObjectNode body, String nonce) {
        return nonces.computeIfAbsent(nonce, n -> {
            String id = Long.toString(900_000_000_000L + posts.size());
            posts.put(id, new Posted(channelId, id, body.deepCopy(), 0));
            return id;
        });
    }

    @Override
    public synchronized void edit(String channelId, String messageId, ObjectNode body) {
        Posted post = posts.get(messageId);
        if (post == null || !post.channelId().equals(channelId)) {
            throw new IllegalStateException("10008 Unknown Message " + channelId + "/" + messageId);
        }
        posts.put(messageId, new Posted(channelId, messageId, body.deepCopy(), post.edits() + 1));
    }

    /** Every channel message posted, in its current state. */
    public List<Posted> posts() {
        return List.copyOf(posts.values());
    }

    @Override
    public Responded respond(InteractionEnvelope envelope, ResponseBodies response) {
        Responded result = answered.add(envelope.interactionId()) ? Responded.CALLBACK : Responded.EDIT;
        sent.add(new Sent(envelope.interactionId(), response.callback().deepCopy(), result, name));
        return result;
    }

    /** Like Discord read first: an interaction answered before shows its (stored, so identical) answer already. */
    @Override
    public Responded respondAgain(InteractionEnvelope envelope, ResponseBodies response, BeforeFollowUps before) {
        if (!answered.contains(envelope.interactionId())) {
            return respond(envelope, response);
        }
        sent.add(new Sent(envelope.interactionId(), response.callback().deepCopy(), Responded.SHOWN_ALREADY, name));
        return Responded.SHOWN_ALREADY;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Sent> sentFor(String interactionId) {
        return sent.stream().filter(s -> s.interactionId().equals(interactionId)).toList();
    }

    public long answeredCount() {
        return sent.stream().filter(s -> s.result() == Responded.CALLBACK).count();
    }
}
