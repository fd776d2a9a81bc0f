package io.guildflow.api.event;

import java.util.List;

/** {@code MESSAGE_DELETE_BULK}: several messages of one channel deleted at once (a purge). */
public record MessageBulkDeleteEvent(JsonView json) implements InChannel {

    public List<String> messageIds() {
        return json.strings("ids");
    }
}
