package io.guildflow.example.events;

import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.ReactionClearEvent;
import java.util.Optional;

/**
 * A moderator removed every reaction of a message: Discord sends no removal per user then, so without this the
 * starboard would keep showing stars that are gone. Clearing ⭐ alone is {@link StarEmojiCleared}.
 */
public final class StarsCleared implements EventHandler<ReactionClearEvent> {

    @Override
    public EventType<ReactionClearEvent> type() {
        return EventType.MESSAGE_REACTION_REMOVE_ALL;
    }

    @Override
    public void handle(ReactionClearEvent event, EventContext context) throws Exception {
        if (event.guildId().isEmpty()) {
            return;
        }
        Starboard.clear(context, new Starboard.Starred(event.guildId().get(), event.channelId(), event.messageId(),
                Optional.empty()));
    }
}
