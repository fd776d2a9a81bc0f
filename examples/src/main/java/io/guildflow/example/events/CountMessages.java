package io.guildflow.example.events;

import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.MessageEvent;
import java.sql.PreparedStatement;

/**
 * Counts each member's messages per guild for {@code /rank}. MESSAGE_CREATE is exactly once (keyed by the message
 * id), so adding one per event is right here, unlike for reactions. Needs no MESSAGE_CONTENT: it never reads the text.
 */
public final class CountMessages implements EventHandler<MessageEvent> {

    @Override
    public EventType<MessageEvent> type() {
        return EventType.MESSAGE_CREATE;
    }

    @Override
    public void handle(MessageEvent event, EventContext context) throws Exception {
        // Bots' messages (ours included) and direct messages are not activity in a guild.
        if (event.fromBot() || event.guildId().isEmpty() || event.author().isEmpty()) {
            return;
        }
        try (PreparedStatement count = context.sql().prepareStatement("INSERT INTO message_counts (guild_id, user_id,"
                + " messages) VALUES (?, ?, 1) ON CONFLICT (guild_id, user_id)"
                + " DO UPDATE SET messages = message_counts.messages + 1")) {
            count.setString(1, event.guildId().get());
            count.setString(2, event.author().get().id());
            count.executeUpdate();
        }
    }
}
