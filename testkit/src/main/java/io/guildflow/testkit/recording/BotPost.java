package io.guildflow.testkit.recording;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A message the bot posted in a channel, as Discord saw it over time.
 *
 * @param guildId null in a DM
 * @param contents the content when posted, then after each edit, oldest first
 * @param message the message object as it is now (or was when deleted)
 */
public record BotPost(String id, String channelId, String guildId, List<String> contents, boolean deleted, JsonNode message) {
    public BotPost {
        contents = List.copyOf(contents);
    }

    /** The content now (after the last edit). */
    public String content() {
        return contents.get(contents.size() - 1);
    }

    /** How many times the bot edited it. */
    public int edits() {
        return contents.size() - 1;
    }
}
