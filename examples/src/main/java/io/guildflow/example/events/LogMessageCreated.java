package io.guildflow.example.events;

import io.guildflow.api.User;
import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.MessageEvent;

/** The message log's first row of a message: its author and text, for the line its edit or delete gets later. */
public final class LogMessageCreated implements EventHandler<MessageEvent> {

    @Override
    public EventType<MessageEvent> type() {
        return EventType.MESSAGE_CREATE;
    }

    @Override
    public void handle(MessageEvent event, EventContext context) throws Exception {
        if (MessageLog.logged(event)) {
            MessageLog.write(context, event.channelId(), event.messageId(), event.author().map(User::id), "create",
                    event.content());
        }
    }
}
