package io.guildflow.example;

import io.guildflow.api.Message;
import io.guildflow.api.MessageCommand;
import io.guildflow.api.MessageCommandContext;
import io.guildflow.api.Response;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * "Apps → Quote" on a message: shows "thinking…" at once, then the quote. The quote is saved on the
 * interaction's transaction, so it is stored exactly once even when the event is delivered twice.
 */
public final class QuoteCommand implements MessageCommand {

    @Override
    public String name() {
        return "Quote";
    }

    @Override
    public Response handle(MessageCommandContext context) throws Exception {
        MessageCommandContext.TargetMessage message = context.target();
        try (Statement ddl = context.sql().createStatement()) {
            // A real bot ships its tables with its migrations; the example keeps to one file.
            ddl.execute("CREATE TABLE IF NOT EXISTS example_quotes (message_id text PRIMARY KEY,"
                    + " content text NOT NULL, quoted_by text NOT NULL)");
        }
        try (PreparedStatement insert = context.sql().prepareStatement(
                "INSERT INTO example_quotes VALUES (?, ?, ?) ON CONFLICT (message_id) DO NOTHING")) {
            insert.setString(1, message.id());
            insert.setString(2, message.content());
            insert.setString(3, context.user().id());
            insert.executeUpdate();
        }
        return Response.defer(false, Message.text("> " + message.content() + "\n— <@" + message.authorId() + ">"));
    }
}
