package io.guildflow.testkit.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reactions on one message: per emoji, who reacted (each user at most once per emoji, as on Discord). Not
 * thread-safe: {@link MessageStore} guards it with the message's lock.
 */
final class MessageReactions {
    private record PerEmoji(Emoji emoji, Set<Long> users) {}

    private final Map<String, PerEmoji> byEmoji = new LinkedHashMap<>();

    /** False if the user had already reacted with this emoji (Discord then sends no event). */
    boolean add(Emoji emoji, long userId) {
        return byEmoji.computeIfAbsent(emoji.key(), k -> new PerEmoji(emoji, new LinkedHashSet<>())).users()
                .add(userId);
    }

    /** False if the user had not reacted with this emoji. */
    boolean remove(Emoji emoji, long userId) {
        PerEmoji entry = byEmoji.get(emoji.key());
        if (entry == null || !entry.users().remove(userId)) {
            return false;
        }
        if (entry.users().isEmpty()) {
            byEmoji.remove(emoji.key());
        }
        return true;
    }

    /** Removes every reaction with this emoji; false if there was none. */
    boolean removeEmoji(Emoji emoji) {
        return byEmoji.remove(emoji.key()) != null;
    }

    boolean isEmpty() {
        return byEmoji.isEmpty();
    }

    int count(Emoji emoji) {
        PerEmoji entry = byEmoji.get(emoji.key());
        return entry == null ? 0 : entry.users().size();
    }

    List<Long> users(Emoji emoji) {
        PerEmoji entry = byEmoji.get(emoji.key());
        return entry == null ? List.of() : List.copyOf(entry.users());
    }

    /** The message object's {@code reactions} array as {@code viewer} (the bot) sees it. */
    ArrayNode json(long viewer) {
        ArrayNode out = Json.array();
        for (PerEmoji entry : byEmoji.values()) {
            ObjectNode r = out.addObject();
            r.put("count", entry.users().size());
            r.putObject("count_details").put("burst", 0).put("normal", entry.users().size());
            r.put("me", entry.users().contains(viewer));
            r.put("me_burst", false);
            r.set("emoji", entry.emoji().json());
            r.putArray("burst_colors");
        }
        return out;
    }
}
