package io.guildflow.app.replay;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Message;
import io.guildflow.api.OptionDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.Intent;
import io.guildflow.api.event.RawEvent;
import io.guildflow.api.event.RawEventHandler;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.events.EventCatalog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * A signup-style bot for the recovery drill: {@code /note} writes a row, posts to the channel through the outbox and
 * answers with the guild's note count (an answer that depends on the state before it); every message a member writes
 * is counted by a gateway-event handler.
 */
final class DrillBot {
    static final String TABLES = "CREATE TABLE notes (id bigserial PRIMARY KEY, guild_id text NOT NULL,"
            + " user_id text NOT NULL, text text NOT NULL, interaction_id text NOT NULL UNIQUE);"
            + " CREATE TABLE chatter (guild_id text, author_id text, messages integer NOT NULL,"
            + " PRIMARY KEY (guild_id, author_id))";

    private DrillBot() {
    }

    static HandlerCatalog catalog() {
        return HandlerCatalog.of(new Note()).withEvents(EventCatalog.of(List.of(), List.of(new Chatter())));
    }

    public static final class Note implements SlashCommand {
        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("note", "Takes a note", OptionDefinition.string("text", "the note", true));
        }

        @Override
        public Response handle(CommandContext context) throws SQLException {
            String guild = context.guildId().orElseThrow();
            String text = context.options().string("text").orElseThrow();
            try (PreparedStatement insert = context.sql().prepareStatement("INSERT INTO notes (guild_id, user_id, text,"
                    + " interaction_id) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, guild);
                insert.setString(2, context.user().id());
                insert.setString(3, text);
                insert.setString(4, context.interactionId());
                insert.executeUpdate();
            }
            long count;
            try (PreparedStatement select = context.sql().prepareStatement(
                    "SELECT count(*) FROM notes WHERE guild_id = ?")) {
                select.setString(1, guild);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    count = row.getLong(1);
                }
            }
            context.discord().postMessage(context.channelId(), Message.text("note " + count + ": " + text));
            return Response.reply("noted #" + count);
        }
    }

    public static final class Chatter implements RawEventHandler {
        @Override
        public Set<String> dispatchTypes() {
            return Set.of("MESSAGE_CREATE");
        }

        @Override
        public Set<Intent> intents() {
            return Set.of(Intent.GUILD_MESSAGES);
        }

        @Override
        public void handle(RawEvent event, EventContext context) throws SQLException {
            if (event.data().object("author").bool("bot").orElse(false)) {
                return; // the bot's own posts
            }
            try (PreparedStatement upsert = context.sql().prepareStatement("INSERT INTO chatter (guild_id, author_id,"
                    + " messages) VALUES (?, ?, 1) ON CONFLICT (guild_id, author_id)"
                    + " DO UPDATE SET messages = chatter.messages + 1")) {
                upsert.setString(1, context.guildId().orElseThrow());
                upsert.setString(2, event.data().object("author").snowflake("id").orElseThrow());
                upsert.executeUpdate();
            }
        }
    }
}
