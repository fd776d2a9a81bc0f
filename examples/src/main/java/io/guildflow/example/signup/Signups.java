package io.guildflow.example.signup;

import io.guildflow.api.ActionRow;
import io.guildflow.api.Button;
import io.guildflow.api.CustomId;
import io.guildflow.api.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The signup bot's SQL and the signup message; every query is scoped by guild id. */
final class Signups {
    static final String BUTTONS = "signup";
    static final String TITLE_FORM = "signup-title";
    static final String TITLE_BUTTON = "signup-edit";

    record Signup(String guildId, long id, String channelId, String title, int slots, int joined, Instant closesAt,
                  boolean closed, String postKey) {

        Message message() {
            String status = closed ? "Closed" : "Closes <t:" + closesAt.getEpochSecond() + ":R>";
            Message text = Message.text("**" + title + "** — " + joined + "/" + slots + " joined\n" + status);
            if (closed) {
                return text;
            }
            return text.withComponents(ActionRow.of(
                    Button.success(CustomId.of(BUTTONS, "join:" + id), "Join"),
                    Button.danger(CustomId.of(BUTTONS, "leave:" + id), "Leave"),
                    Button.secondary(CustomId.of(TITLE_BUTTON, Long.toString(id)), "Edit title")));
        }

        String line() {
            return "#" + id + " **" + title + "** " + joined + "/" + slots + ", closes <t:" + closesAt.getEpochSecond() + ":R>";
        }
    }

    private static final String COLUMNS = "guild_id, id, channel_id, title, slots, joined, closes_at, closed, post_key";

    private Signups() {
    }

    static Signup create(Connection sql, String guildId, String channelId, String title, int slots, Instant closesAt,
                         String userId) throws SQLException {
        try (PreparedStatement insert = sql.prepareStatement("INSERT INTO signups (guild_id, channel_id, title, slots,"
                + " closes_at, created_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
            insert.setString(1, guildId);
            insert.setString(2, channelId);
            insert.setString(3, title);
            insert.setInt(4, slots);
            insert.setTimestamp(5, Timestamp.from(closesAt));
            insert.setString(6, userId);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return read(row);
            }
        }
    }

    static void setPostKey(Connection sql, String guildId, long id, String postKey) throws SQLException {
        update(sql, "UPDATE signups SET post_key = ? WHERE guild_id = ? AND id = ?", postKey, guildId, id);
    }

    /** Locks the signup row: clicks on one signup are applied one after the other. */
    static Optional<Signup> lock(Connection sql, String guildId, long id) throws SQLException {
        try (PreparedStatement select = sql.prepareStatement("SELECT " + COLUMNS
                + " FROM signups WHERE guild_id = ? AND id = ? FOR UPDATE")) {
            select.setString(1, guildId);
            select.setLong(2, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    static List<Signup> open(Connection sql, String guildId, String titlePrefix, int limit) throws SQLException {
        try (PreparedStatement select = sql.prepareStatement("SELECT " + COLUMNS + " FROM signups"
                + " WHERE guild_id = ? AND NOT closed AND title ILIKE ? ORDER BY closes_at LIMIT ?")) {
            select.setString(1, guildId);
            select.setString(2, titlePrefix.replace("%", "\\%").replace("_", "\\_") + "%");
            select.setInt(3, limit);
            return readAll(select);
        }
    }

    /** The member's row: whether in, and the snowflake of the click that decided it. */
    record Member(boolean joined, long lastInteraction) {
    }

    static Optional<Member> member(Connection sql, String guildId, long signupId, String userId) throws SQLException {
        try (PreparedStatement select = sql.prepareStatement("SELECT joined, last_interaction FROM signup_members"
                + " WHERE guild_id = ? AND signup_id = ? AND user_id = ?")) {
            select.setString(1, guildId);
            select.setLong(2, signupId);
            select.setString(3, userId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Member(row.getBoolean(1), row.getLong(2))) : Optional.empty();
            }
        }
    }

    static void saveMember(Connection sql, String guildId, long signupId, String userId, boolean joined,
                           long interaction) throws SQLException {
        try (PreparedStatement upsert = sql.prepareStatement("INSERT INTO signup_members"
                + " (guild_id, signup_id, user_id, joined, last_interaction) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (guild_id, signup_id, user_id)"
                + " DO UPDATE SET joined = EXCLUDED.joined, last_interaction = EXCLUDED.last_interaction")) {
            upsert.setString(1, guildId);
            upsert.setLong(2, signupId);
            upsert.setString(3, userId);
            upsert.setBoolean(4, joined);
            upsert.setLong(5, interaction);
            upsert.executeUpdate();
        }
    }

    static void setJoined(Connection sql, String guildId, long id, int joined) throws SQLException {
        update(sql, "UPDATE signups SET joined = ? WHERE guild_id = ? AND id = ?", joined, guildId, id);
    }

    static void setTitle(Connection sql, String guildId, long id, String title) throws SQLException {
        update(sql, "UPDATE signups SET title = ? WHERE guild_id = ? AND id = ?", title, guildId, id);
    }

    /** The closing job's batch: expired open signups of any guild, locked, skipping ones another run holds. */
    static List<Signup> lockExpired(Connection sql, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = sql.prepareStatement("SELECT " + COLUMNS + " FROM signups"
                + " WHERE NOT closed AND closes_at <= ? ORDER BY closes_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, limit);
            return readAll(select);
        }
    }

    static void close(Connection sql, String guildId, long id) throws SQLException {
        update(sql, "UPDATE signups SET closed = true WHERE guild_id = ? AND id = ?", guildId, id);
    }

    private static void update(Connection sql, String statement, Object... values) throws SQLException {
        try (PreparedStatement update = sql.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            update.executeUpdate();
        }
    }

    private static List<Signup> readAll(PreparedStatement select) throws SQLException {
        List<Signup> signups = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                signups.add(read(rows));
            }
        }
        return signups;
    }

    private static Signup read(ResultSet row) throws SQLException {
        return new Signup(row.getString(1), row.getLong(2), row.getString(3), row.getString(4), row.getInt(5),
                row.getInt(6), row.getTimestamp(7).toInstant(), row.getBoolean(8), row.getString(9));
    }
}
