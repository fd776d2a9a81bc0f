package io.guildflow.example.events;

import io.guildflow.api.User;
import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.MessageEvent;

/**
 * An edit of a member's message, logged and told in the modlog channel. Discord also sends MESSAGE_UPDATE when it
 * only adds a link preview; that update has no edit time, is not an edit, and is ignored (it is also the one update
 * without a key of its own, so it could arrive twice).
 */
public final class LogMessageEdited implements EventHandler<MessageEvent> {

    @Override
    public EventType<MessageEvent> type() {
        return EventType.MESSAGE_UPDATE;
    }

    @Override
    public void handle(MessageEvent event, EventContext context) throws Exception {
        if (!MessageLog.logged(event) || event.editedTimestamp().isEmpty()) {
            return;
        }
        String author = event.author().map(User::id).orElseThrow();
        MessageLog.write(context, event.channelId(), event.messageId(), event.author().map(User::id), "edit",
                event.content());
        MessageLog.tell(context, event.channelId(), "✏️ <@" + author + "> edited a message in <#"
                + event.channelId() + ">: " + MessageLog.link(context, event.channelId(), event.messageId())
                + MessageLog.quote(event.content()));
    }
}
