package io.guildflow.api.event;

/** {@code MESSAGE_DELETE}: only ids; the message's content is gone (Guildflow keeps no message cache). */
public record MessageDeleteEvent(JsonView json) implements InChannel {

    public String messageId() {
        return Views.id(json, "id");
    }
}
