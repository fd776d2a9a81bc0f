package io.guildflow.example.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.recording.BotPost;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The moderation message log end to end: rows for a message's create, edit and delete, lines in the modlog channel. */
@ExtendWith(GuildflowBotExtension.class)
class MessageLogTest {

    @Test
    void logsCreateEditAndDeleteInOrderAndTellsEditsAndDeletesInTheModlogChannel(TestBot bot) throws Exception {
        MessageRef early = bot.message("before the modlog channel");
        bot.delete(early); // logged, but no channel to tell yet
        // Events and interactions travel apart: wait until the delete is logged, or /config below may overtake it
        bot.emulator().awaitCondition(() -> loggedActions(bot, early.id()) == 2, TestBot.TIMEOUT);
        String modlog = bot.createChannel("modlog");
        EventTests.configure(bot, "modlog_channel", modlog);

        MessageRef message = bot.message("frist");
        bot.edit(message, "first");
        bot.delete(message);
        MessageRef inModlog = bot.message(bot.member(), modlog, "noted");
        bot.edit(inModlog, "noted, thanks"); // what happens in the modlog channel is logged, not told there
        EventTests.awaitEverythingBefore(bot);
        // the lines go out through the outbox after their transactions commit
        bot.emulator().awaitCondition(() -> bot.posts(modlog).size() >= 2, TestBot.TIMEOUT);

        String author = bot.member().id();
        // No handler of the example bot needs MESSAGE_CONTENT, so Discord sends messages without their text: the log
        // has who wrote, edited and deleted what, in order, and no quotes.
        assertEquals(List.of("create:" + author + ":", "edit:" + author + ":", "delete:" + author + ":"),
                rows(bot, message.id()));
        assertEquals(List.of("create:" + author + ":", "delete:" + author + ":"), rows(bot, early.id()));
        assertEquals(List.of("create:" + author + ":", "edit:" + author + ":"), rows(bot, inModlog.id()));
        String link = "https://discord.com/channels/" + bot.guild().id() + "/" + message.channelId() + "/"
                + message.id();
        assertEquals(List.of(
                "✏️ <@" + author + "> edited a message in <#" + message.channelId() + ">: " + link,
                "🗑️ A message by <@" + author + "> was deleted in <#" + message.channelId() + ">"),
                bot.posts(modlog).stream().map(BotPost::content).toList(), "each edit and delete told once");
        assertEquals("\n> quoted\n> text", MessageLog.quote("quoted\ntext"), "the text, when Discord sends it");
    }

    private static int loggedActions(TestBot bot, String messageId) {
        try {
            return rows(bot, messageId).size();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message's log rows in order, as {@code action:author:content}. */
    private static List<String> rows(TestBot bot, String messageId) throws SQLException {
        try (Connection connection = bot.database(); PreparedStatement query = connection.prepareStatement(
                "SELECT action, author_id, content FROM message_log WHERE message_id = ? ORDER BY id")) {
            query.setString(1, messageId);
            List<String> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(row.getString(1) + ":" + row.getString(2) + ":" + row.getString(3));
                }
            }
            return rows;
        }
    }
}
