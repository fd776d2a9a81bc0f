package io.guildflow.example.events;

import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.ReactionEvent;
import java.util.Optional;

/** A ⭐ taken back: the user leaves the message's stars, and its starboard post, if any, shows the new count. */
public final class StarRemoved implements EventHandler<ReactionEvent> {

    @Override
    public EventType<ReactionEvent> type() {
        return EventType.MESSAGE_REACTION_REMOVE;
    }

    @Override
    public void handle(ReactionEvent event, EventContext context) throws Exception {
        if (event.guildId().isEmpty() || !Starboard.isStar(event.emoji())) {
            return;
        }
        Starboard.remove(context, new Starboard.Starred(event.guildId().get(), event.channelId(), event.messageId(),
                Optional.empty()), event.userId());
    }
}
