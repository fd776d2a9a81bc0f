package io.guildflow.example.events;

import io.guildflow.api.AllowedMentions;
import io.guildflow.api.Message;
import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.MessageEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The moderation message log shared by its three handlers: every member's message, edit and delete is a row of
 * {@code message_log}, and edits and deletes are also told in the guild's {@code modlog_channel} when one is set.
 * Discord's MESSAGE_DELETE carries ids only, so the delete's line takes the author and the last text from the log.
 * The log needs no MESSAGE_CONTENT (privileged): without it Discord sends no text, and the log keeps who wrote, edited
 * and deleted which message, when; with it (another handler asking for it), the lines quote the text as well.
 */
final class MessageLog {
    /** Room for the line around a quoted text within Discord's 2,000 characters. */
    static final int QUOTE_LIMIT = 1_500;

    private MessageLog() {
    }

    /** A guild member's message as created or edited; bots' messages (ours included) are not logged. */
    static boolean logged(MessageEvent message) {
        return message.guildId().isPresent() && message.author().isPresent() && !message.fromBot();
    }

    static void write(EventContext context, String channelId, String messageId, Optional<String> authorId,
            String action, String content) throws SQLException {
        try (PreparedStatement insert = context.sql().prepareStatement("INSERT INTO message_log (guild_id,"
                + " channel_id, message_id, author_id, action, content) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, context.guildId().orElseThrow());
            insert.setString(2, channelId);
            insert.setString(3, messageId);
            insert.setString(4, authorId.orElse(null));
            insert.setString(5, action);
            insert.setString(6, content);
            insert.executeUpdate();
        }
    }

    /** The message's latest logged row (author, content), if the log has it. */
    static Optional<String[]> last(EventContext context, String messageId) throws SQLException {
        try (PreparedStatement find = context.sql().prepareStatement("SELECT author_id, content FROM message_log"
                + " WHERE guild_id = ? AND message_id = ? ORDER BY id DESC LIMIT 1")) {
            find.setString(1, context.guildId().orElseThrow());
            find.setString(2, messageId);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? Optional.of(new String[] {row.getString(1), row.getString(2)}) : Optional.empty();
            }
        }
    }

    /**
     * Posts {@code line} to the modlog channel, if one is set and the change did not happen there: the log's own
     * channel is where moderators read, not what they watch. Nobody is pinged by a log line.
     */
    static void tell(EventContext context, String channelId, String line) {
        Optional<String> modlog = context.guildConfig().get("modlog_channel");
        if (modlog.isPresent() && !modlog.get().equals(channelId)) {
            context.discord().postMessage(modlog.get(), Message.text(line).withAllowedMentions(AllowedMentions.none()));
        }
    }

    /** {@code text} as a one-line quote, cut to fit a message. */
    static String quote(String text) {
        String cut = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "…" : text;
        return cut.isEmpty() ? "" : "\n> " + cut.replace("\n", "\n> ");
    }

    static String link(EventContext context, String channelId, String messageId) {
        return "https://discord.com/channels/" + context.guildId().orElseThrow() + "/" + channelId + "/" + messageId;
    }
}
