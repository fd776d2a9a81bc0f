package io.guildflow.api.event;

import java.util.Optional;

/**
 * {@code CHANNEL_CREATE/UPDATE/DELETE} and {@code THREAD_CREATE/UPDATE/DELETE}: Discord's channel object (a thread is
 * a channel with a parent). A thread's delete carries only ids and type.
 */
public record ChannelEvent(JsonView json) implements EventView {

    public String channelId() {
        return Views.id(json, "id");
    }

    /** Discord's channel type number (0 text, 2 voice, 4 category, 11 public thread, …); -1 when missing. */
    public int channelType() {
        return (int) json.number("type").orElse(-1);
    }

    public Optional<String> name() {
        return json.string("name");
    }

    /** The category of a channel, or the channel a thread belongs to. */
    public Optional<String> parentId() {
        return json.snowflake("parent_id");
    }
}
