package io.guildflow.testkit.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Channel messages, newest last, bounded per channel so long benchmarks do not grow without limit. */
public final class MessageStore {
    private final int perChannelLimit;
    private final Map<Long, Deque<ObjectNode>> byChannel = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> byId = new ConcurrentHashMap<>();

    public MessageStore(int perChannelLimit) {
        this.perChannelLimit = perChannelLimit;
    }

    public void add(long channelId, long messageId, ObjectNode message) {
        Deque<ObjectNode> deque = byChannel.computeIfAbsent(channelId, k -> new ArrayDeque<>());
        synchronized (deque) {
            deque.addLast(message);
            byId.put(messageId, message);
            while (deque.size() > perChannelLimit) {
                ObjectNode evicted = deque.removeFirst();
                byId.remove(Long.parseUnsignedLong(evicted.path("id").asText()));
            }
        }
    }

    public Optional<ObjectNode> get(long messageId) {
        return Optional.ofNullable(byId.get(messageId));
    }

    public void remove(long messageId) {
        ObjectNode removed = byId.remove(messageId);
        if (removed != null) {
            Deque<ObjectNode> deque = byChannel.get(Long.parseUnsignedLong(removed.path("channel_id").asText()));
            if (deque != null) {
                synchronized (deque) {
                    deque.remove(removed);
                }
            }
        }
    }

    /** Newest first, at most {@code limit}, like GET /channels/{id}/messages. */
    public ArrayNode latest(long channelId, int limit) {
        ArrayNode out = Json.array();
        Deque<ObjectNode> deque = byChannel.get(channelId);
        if (deque == null) {
            return out;
        }
        synchronized (deque) {
            Iterator<ObjectNode> it = deque.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                ObjectNode m = it.next();
                synchronized (m) {
                    out.add(m.deepCopy());
                }
            }
        }
        return out;
    }
}
