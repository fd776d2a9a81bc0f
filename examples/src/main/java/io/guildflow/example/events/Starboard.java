package io.guildflow.example.events;

import io.guildflow.api.AllowedMentions;
import io.guildflow.api.GuildConfig;
import io.guildflow.api.Message;
import io.guildflow.api.event.Emoji;
import io.guildflow.api.event.EventContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The starboard's state and its one rule, shared by the reaction handlers. A message's stars are the set of users
 * with a ⭐ on it (rows of {@code starboard_stars}), because a reaction event may arrive twice; once the set reaches
 * the guild's {@code starboard_threshold} (default 3) the message is posted to {@code starboard_channel} once, and
 * that post is edited whenever the number it shows is no longer the set's size.
 */
final class Starboard {
    static final String STAR = "⭐";
    static final int DEFAULT_THRESHOLD = 3;

    private Starboard() {
    }

    /** The message in a guild whose stars changed; {@code authorId} is known on adds only. */
    record Starred(String guildId, String channelId, String messageId, Optional<String> authorId) {}

    static boolean isStar(Emoji emoji) {
        return emoji.id().isEmpty() && STAR.equals(emoji.name());
    }

    static void add(EventContext context, Starred message, String userId) throws SQLException {
        lock(context.sql(), message);
        update(context.sql(), "INSERT INTO starboard_stars (guild_id, message_id, user_id) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", message.guildId(), message.messageId(), userId);
        show(context, message);
    }

    static void remove(EventContext context, Starred message, String userId) throws SQLException {
        lock(context.sql(), message);
        update(context.sql(), "DELETE FROM starboard_stars WHERE guild_id = ? AND message_id = ? AND user_id = ?",
                message.guildId(), message.messageId(), userId);
        show(context, message);
    }

    /** Every ⭐ of the message is gone (a moderator cleared its reactions). */
    static void clear(EventContext context, Starred message) throws SQLException {
        lock(context.sql(), message);
        update(context.sql(), "DELETE FROM starboard_stars WHERE guild_id = ? AND message_id = ?",
                message.guildId(), message.messageId());
        show(context, message);
    }

    /**
     * Events of one guild already arrive one at a time; this per-message lock keeps "count, then post once" atomic
     * even if two transactions ever overlap, so the post can never be made twice.
     */
    private static void lock(Connection sql, Starred message) throws SQLException {
        try (PreparedStatement lock = sql.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "starboard:" + message.guildId() + ":" + message.messageId());
            lock.executeQuery().close();
        }
    }

    /** Posts the message once it has enough stars, or edits its post when the count it shows is out of date. */
    private static void show(EventContext context, Starred message) throws SQLException {
        Connection sql = context.sql();
        int stars = stars(sql, message);
        try (PreparedStatement find = sql.prepareStatement("SELECT post_key, stars, author_id FROM starboard_posts"
                + " WHERE guild_id = ? AND message_id = ?")) {
            find.setString(1, message.guildId());
            find.setString(2, message.messageId());
            try (ResultSet post = find.executeQuery()) {
                if (post.next()) {
                    if (post.getInt(2) != stars) {
                        update(sql, "UPDATE starboard_posts SET stars = " + stars
                                + " WHERE guild_id = ? AND message_id = ?", message.guildId(), message.messageId());
                        context.discord().editPosted(post.getString(1),
                                render(message, Optional.ofNullable(post.getString(3)), stars));
                    }
                    return;
                }
            }
        }
        Optional<String> board = context.guildConfig().get("starboard_channel");
        // Stars on the starboard's own posts never feed the starboard.
        if (stars < threshold(context.guildConfig()) || board.isEmpty() || board.get().equals(message.channelId())) {
            return;
        }
        String key = context.discord().postMessage(board.get(), render(message, message.authorId(), stars));
        try (PreparedStatement insert = sql.prepareStatement("INSERT INTO starboard_posts (guild_id, message_id,"
                + " channel_id, author_id, post_key, stars) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, message.guildId());
            insert.setString(2, message.messageId());
            insert.setString(3, message.channelId());
            insert.setString(4, message.authorId().orElse(null));
            insert.setString(5, key);
            insert.setInt(6, stars);
            insert.executeUpdate();
        }
    }

    /** {@code starboard_threshold}, or the default when unset or not a positive number. */
    static int threshold(GuildConfig config) {
        try {
            int threshold = Integer.parseInt(config.get("starboard_threshold").orElse("").strip());
            return threshold > 0 ? threshold : DEFAULT_THRESHOLD;
        } catch (NumberFormatException e) {
            return DEFAULT_THRESHOLD;
        }
    }

    /** The post's text: the count, the author, a link to the message; no one is pinged. */
    static Message render(Starred message, Optional<String> authorId, int stars) {
        String link = "https://discord.com/channels/" + message.guildId() + "/" + message.channelId() + "/"
                + message.messageId();
        String text = STAR + " **" + stars + "** in <#" + message.channelId() + ">"
                + authorId.map(id -> " by <@" + id + ">").orElse("") + "\n" + link;
        return Message.text(text).withAllowedMentions(AllowedMentions.none());
    }

    private static int stars(Connection sql, Starred message) throws SQLException {
        try (PreparedStatement count = sql.prepareStatement(
                "SELECT count(*) FROM starboard_stars WHERE guild_id = ? AND message_id = ?")) {
            count.setString(1, message.guildId());
            count.setString(2, message.messageId());
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void update(Connection sql, String statement, String... values) throws SQLException {
        try (PreparedStatement update = sql.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                update.setString(i + 1, values[i]);
            }
            update.executeUpdate();
        }
    }
}
