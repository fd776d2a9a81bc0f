package io.guildflow.example.events;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.model.EmulatedUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** What the event handlers' tests share: configuring the guild as an admin would, and reading the bot's tables. */
final class EventTests {
    private EventTests() {
    }

    /** {@code /config set key value}, as a member with Manage Server: the worker sees it from the next event on. */
    static void configure(TestBot bot, String key, String value) {
        String answer = bot.slash("config set", Map.of("key", key, "value", value)).content();
        assertTrue(answer.startsWith("Set " + key), answer);
    }

    /** A new channel configured as the guild's starboard; returns its id. */
    static String starboard(TestBot bot) {
        String board = bot.createChannel("starboard");
        configure(bot, "starboard_channel", board);
        return board;
    }

    /** A number the bot's tables hold: {@code sql}'s first column, with {@code ?} bound to {@code values}. */
    static long number(TestBot bot, String sql, String... values) {
        try (Connection connection = bot.database(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                query.setString(i + 1, values[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code sql} reads {@code expected}: how a test knows the events before were handled. */
    static void awaitNumber(TestBot bot, long expected, String sql, String... values) {
        bot.emulator().awaitCondition(() -> number(bot, sql, values) == expected, TestBot.TIMEOUT);
    }

    /**
     * Events of one guild are handled in order, so once a barrier message is counted every event sent before it was
     * handled too: the way to assert that something did not happen. The barrier's author is the guild's third member,
     * who writes nothing else in these tests, so the count before it is never still in flight.
     */
    static void awaitEverythingBefore(TestBot bot) {
        EmulatedUser barrier = bot.guild().members().get(2);
        String count = "SELECT messages FROM message_counts WHERE user_id = ?";
        long before = Math.max(0, number(bot, count, barrier.id()));
        bot.message(barrier, bot.guild().textChannelId(), "barrier");
        awaitNumber(bot, before + 1, count, barrier.id());
    }
}
