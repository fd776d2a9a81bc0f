package io.guildflow.testkit.recording;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every message the bot posted through the channel message route ({@code POST /channels/{id}/messages}), with the
 * edits and deletions it made through the channel message routes; bounded, oldest forgotten first. Interaction
 * replies are in their interaction's record instead.
 */
public final class BotPosts {
    private final int limit;
    private final Map<String, BotPost> posts = new LinkedHashMap<>();

    public BotPosts(int limit) {
        this.limit = limit;
    }

    public synchronized void posted(JsonNode message) {
        BotPost post = new BotPost(id(message), message.path("channel_id").asText(),
                message.hasNonNull("guild_id") ? message.get("guild_id").asText() : null,
                List.of(message.path("content").asText("")), false, message.deepCopy());
        posts.put(post.id(), post);
        if (posts.size() > limit) {
            posts.remove(posts.keySet().iterator().next());
        }
    }

    public synchronized void edited(JsonNode message) {
        BotPost old = posts.get(id(message));
        if (old != null) {
            List<String> contents = new ArrayList<>(old.contents());
            contents.add(message.path("content").asText(""));
            posts.put(old.id(), new BotPost(old.id(), old.channelId(), old.guildId(), contents, false,
                    message.deepCopy()));
        }
    }

    public synchronized void deleted(long messageId) {
        BotPost old = posts.get(Long.toUnsignedString(messageId));
        if (old != null) {
            posts.put(old.id(), new BotPost(old.id(), old.channelId(), old.guildId(), old.contents(), true,
                    old.message()));
        }
    }

    /** In the order they were posted. */
    public synchronized List<BotPost> all() {
        return List.copyOf(posts.values());
    }

    public synchronized Optional<BotPost> get(String messageId) {
        return Optional.ofNullable(posts.get(messageId));
    }

    private static String id(JsonNode message) {
        return message.path("id").asText();
    }
}
