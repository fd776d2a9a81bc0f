package io.guildflow.example.events;

import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.ReactionEvent;

/** A ⭐ added to a guild message: the user joins the message's stars (see {@link Starboard}). */
public final class StarAdded implements EventHandler<ReactionEvent> {

    @Override
    public EventType<ReactionEvent> type() {
        return EventType.MESSAGE_REACTION_ADD;
    }

    @Override
    public void handle(ReactionEvent event, EventContext context) throws Exception {
        if (event.guildId().isEmpty() || !Starboard.isStar(event.emoji())) {
            return;
        }
        Starboard.add(context, new Starboard.Starred(event.guildId().get(), event.channelId(), event.messageId(),
                event.messageAuthorId()), event.userId());
    }
}
