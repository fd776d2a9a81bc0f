package io.guildflow.api.event;

/** An event about something in one channel (a message, a reaction). */
public interface InChannel extends EventView {

    default String channelId() {
        return Views.id(json(), "channel_id");
    }
}
