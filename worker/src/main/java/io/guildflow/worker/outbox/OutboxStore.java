package io.guildflow.worker.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL of the {@code discord_outbox} table for its writer and its sender (old rows are pruned with the
 * ledger's by {@link io.guildflow.worker.jobs.LedgerRetention}). Every method runs on the caller's connection
 * and transaction: a handler's queued actions commit or roll back with its other writes, and what a sender
 * records about a batch with the batch.
 */
final class OutboxStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pending row; an edit of a post by key has no channel or message id until the post is sent. */
    record Action(long id, String key, String kind, String channelId, String messageId, String targetKey,
                  ObjectNode body) {
        /** This edit aimed at the post sent as {@code post}. */
        Action at(Posted post) {
            return new Action(id, key, kind, post.channelId(), post.messageId(), targetKey, body);
        }
    }

    /** Where Discord put a sent post. */
    record Posted(String channelId, String messageId) {
    }

    /** A row as a handler queues it; {@code body} is Discord's JSON for the message. */
    record Queued(String key, String kind, String channelId, String messageId, String targetKey, String body) {
    }

    void insert(Connection tx, Queued action) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO discord_outbox"
                + " (action_key, kind, channel_id, message_id, target_key, body) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
            insert.setString(1, action.key());
            insert.setString(2, action.kind());
            insert.setString(3, action.channelId());
            insert.setString(4, action.messageId());
            insert.setString(5, action.targetKey());
            insert.setString(6, action.body());
            insert.executeUpdate();
        }
    }

    /** Unsent rows ({@code delivered_at} empty) of the environment; the partial index of pending rows keeps it cheap while the outbox keeps up. */
    long countPending(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM discord_outbox WHERE delivered_at IS NULL");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Makes {@code tx} the environment's one sending transaction, if no other is (a transaction-scoped
     * advisory lock per schema), with limits so a sender frozen mid-batch does not hold the outbox for long.
     *
     * @return false when another worker is sending
     */
    boolean lockForSending(Connection tx) throws SQLException {
        try (Statement limits = tx.createStatement()) {
            limits.execute("SET LOCAL statement_timeout = 5000; SET LOCAL idle_in_transaction_session_timeout = 15000");
        }
        try (PreparedStatement lock = tx.prepareStatement(
                "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.discord_outbox'))");
             ResultSet locked = lock.executeQuery()) {
            locked.next();
            return locked.getBoolean(1);
        }
    }

    /** The oldest unsent rows, in the order they were written. */
    List<Action> pending(Connection tx, int limit) throws SQLException {
        List<Action> batch = new ArrayList<>();
        try (PreparedStatement select = tx.prepareStatement("SELECT id, action_key, kind, channel_id, message_id,"
                + " target_key, body::text FROM discord_outbox WHERE delivered_at IS NULL ORDER BY id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    batch.add(new Action(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), parse(rows.getString(7))));
                }
            }
        }
        return batch;
    }

    /** The post queued under {@code key}, once it is sent; empty while it is pending (or never queued). */
    Optional<Posted> sentPost(Connection tx, String key) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT channel_id, message_id FROM discord_outbox"
                + " WHERE action_key = ? AND kind = 'post' AND message_id IS NOT NULL")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Posted(row.getString(1), row.getString(2))) : Optional.empty();
            }
        }
    }

    /** Discord created the post: edits by its key can be resolved from now on. */
    void recordMessageId(Connection tx, long id, String messageId) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE discord_outbox SET message_id = ? WHERE id = ?")) {
            update.setString(1, messageId);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /** A failed attempt; the row stays pending. */
    void recordFailure(Connection tx, long id, String error) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE discord_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
            update.setString(1, error);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /** The row is done: {@code sent}, {@code superseded} or {@code refused} (with Discord's reason). */
    void finish(Connection tx, long id, String outcome, String error) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE discord_outbox SET delivered_at = now(),"
                + " outcome = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?")) {
            update.setString(1, outcome);
            update.setString(2, error);
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    /**
     * Every unsent row whose key starts with {@code keyPrefix}: done, outcome {@code replayed}; a post gets the
     * message id Discord gave it the first time when {@code delivered} kept it (else it stays without one).
     */
    int finishReplayed(Connection tx, String keyPrefix, DeliveredPosts delivered) throws SQLException {
        for (UnsentPost post : unsentPosts(tx, keyPrefix)) {
            Optional<Posted> posted = delivered.find(post.key());
            if (posted.isPresent()) {
                recordMessageId(tx, post.id(), posted.get().messageId());
            }
        }
        try (PreparedStatement update = tx.prepareStatement("UPDATE discord_outbox SET delivered_at = now(),"
                + " outcome = 'replayed' WHERE starts_with(action_key, ?) AND delivered_at IS NULL")) {
            update.setString(1, keyPrefix);
            return update.executeUpdate();
        }
    }

    /** An unsent post of a replayed event. */
    private record UnsentPost(long id, String key) {
    }

    private static List<UnsentPost> unsentPosts(Connection tx, String keyPrefix) throws SQLException {
        List<UnsentPost> posts = new ArrayList<>();
        try (PreparedStatement select = tx.prepareStatement("SELECT id, action_key FROM discord_outbox"
                + " WHERE starts_with(action_key, ?) AND delivered_at IS NULL AND kind = 'post' ORDER BY id")) {
            select.setString(1, keyPrefix);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    posts.add(new UnsentPost(rows.getLong(1), rows.getString(2)));
                }
            }
        }
        return posts;
    }

    private static ObjectNode parse(String json) throws SQLException {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new SQLException("outbox body is not a JSON object", e);
        }
    }
}
