package io.guildflow.testkit.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Channel messages, newest last, bounded per channel so long benchmarks do not grow without limit, with the reactions
 * on each (per message and emoji, who reacted). A stored message is guarded by its own lock ({@code synchronized} on
 * the node), which the reaction methods take too.
 */
public final class MessageStore {
    private final int perChannelLimit;
    private final long viewer;
    private final Map<Long, Deque<ObjectNode>> byChannel = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> byId = new ConcurrentHashMap<>();
    private final Map<Long, MessageReactions> reactions = new ConcurrentHashMap<>();

    /** {@code viewer}: the bot, whose own reactions show as {@code me} in a message's reaction counts. */
    public MessageStore(int perChannelLimit, long viewer) {
        this.perChannelLimit = perChannelLimit;
        this.viewer = viewer;
    }

    public void add(long channelId, long messageId, ObjectNode message) {
        Deque<ObjectNode> deque = byChannel.computeIfAbsent(channelId, k -> new ArrayDeque<>());
        synchronized (deque) {
            deque.addLast(message);
            byId.put(messageId, message);
            while (deque.size() > perChannelLimit) {
                long evicted = Long.parseUnsignedLong(deque.removeFirst().path("id").asText());
                byId.remove(evicted);
                reactions.remove(evicted);
            }
        }
    }

    public Optional<ObjectNode> get(long messageId) {
        return Optional.ofNullable(byId.get(messageId));
    }

    /** The stored message; NoSuchElementException naming the id when it was never created, deleted or evicted. */
    public ObjectNode require(long messageId) {
        return get(messageId).orElseThrow(() -> new NoSuchElementException("unknown message " + Json.id(messageId)
                + " (never created, deleted, or older than the last " + perChannelLimit + " of its channel)"));
    }

    public void remove(long messageId) {
        ObjectNode removed = byId.remove(messageId);
        reactions.remove(messageId);
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

    // ---- reactions ----

    /** A user reacts; false (and nothing changes) if they already had, as Discord ignores a repeated reaction. */
    public boolean react(long messageId, Emoji emoji, long userId) {
        ObjectNode m = require(messageId);
        synchronized (m) {
            boolean added = reactions.computeIfAbsent(messageId, k -> new MessageReactions()).add(emoji, userId);
            render(messageId, m);
            return added;
        }
    }

    /** A user takes a reaction back; false if they had none with this emoji. */
    public boolean unreact(long messageId, Emoji emoji, long userId) {
        return change(messageId, r -> r.remove(emoji, userId));
    }

    /** Every reaction with this emoji goes; false if there was none. */
    public boolean clearEmoji(long messageId, Emoji emoji) {
        return change(messageId, r -> r.removeEmoji(emoji));
    }

    /** Every reaction goes; false if there was none. */
    public boolean clearReactions(long messageId) {
        ObjectNode m = require(messageId);
        synchronized (m) {
            MessageReactions gone = reactions.remove(messageId);
            render(messageId, m);
            return gone != null && !gone.isEmpty();
        }
    }

    public int reactionCount(long messageId, Emoji emoji) {
        ObjectNode m = require(messageId);
        synchronized (m) {
            MessageReactions r = reactions.get(messageId);
            return r == null ? 0 : r.count(emoji);
        }
    }

    /** Who reacted with this emoji, first first (GET .../reactions/{emoji}). */
    public List<Long> reactors(long messageId, Emoji emoji) {
        ObjectNode m = require(messageId);
        synchronized (m) {
            MessageReactions r = reactions.get(messageId);
            return r == null ? List.of() : r.users(emoji);
        }
    }

    private boolean change(long messageId, Predicate<MessageReactions> change) {
        ObjectNode m = require(messageId);
        synchronized (m) {
            MessageReactions r = reactions.get(messageId);
            boolean changed = r != null && change.test(r);
            render(messageId, m);
            return changed;
        }
    }

    /** The message object carries {@code reactions} only while it has some, as Discord's does. */
    private void render(long messageId, ObjectNode message) {
        MessageReactions r = reactions.get(messageId);
        if (r == null || r.isEmpty()) {
            reactions.remove(messageId);
            message.remove("reactions");
        } else {
            message.set("reactions", r.json(viewer));
        }
    }
}
