package io.guildflow.example.events;

import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.MessageDeleteEvent;
import java.util.Optional;

/**
 * A deleted message, logged and told in the modlog channel with its author and last text as the log had them.
 * A message the log never saw (older than the bot, or a bot's) is still logged and told, without an author.
 */
public final class LogMessageDeleted implements EventHandler<MessageDeleteEvent> {

    @Override
    public EventType<MessageDeleteEvent> type() {
        return EventType.MESSAGE_DELETE;
    }

    @Override
    public void handle(MessageDeleteEvent event, EventContext context) throws Exception {
        if (event.guildId().isEmpty()) {
            return;
        }
        Optional<String[]> last = MessageLog.last(context, event.messageId());
        Optional<String> author = last.map(row -> row[0]);
        String content = last.map(row -> row[1]).orElse("");
        MessageLog.write(context, event.channelId(), event.messageId(), author, "delete", content);
        MessageLog.tell(context, event.channelId(), "🗑️ A message" + author.map(id -> " by <@" + id + ">").orElse("")
                + " was deleted in <#" + event.channelId() + ">" + MessageLog.quote(content));
    }
}
