package io.guildflow.example.events;

import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.ReactionClearEvent;
import java.util.Optional;

/** A moderator removed every ⭐ of a message at once (MESSAGE_REACTION_REMOVE_EMOJI): its stars are gone. */
public final class StarEmojiCleared implements EventHandler<ReactionClearEvent> {

    @Override
    public EventType<ReactionClearEvent> type() {
        return EventType.MESSAGE_REACTION_REMOVE_EMOJI;
    }

    @Override
    public void handle(ReactionClearEvent event, EventContext context) throws Exception {
        if (event.guildId().isEmpty() || event.emoji().filter(Starboard::isStar).isEmpty()) {
            return;
        }
        Starboard.clear(context, new Starboard.Starred(event.guildId().get(), event.channelId(), event.messageId(),
                Optional.empty()));
    }
}
