package io.guildflow.worker.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * SQL of the {@code handled_interactions} table. Every method runs on the caller's connection and
 * transaction; the processor decides when to commit.
 */
final class InteractionLedger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IN_PROGRESS = "in_progress";

    /** A committed row: what was answered, to be delivered again on a redelivery. */
    record Entry(Outcome outcome, String routingKey, ResponseBodies response, boolean sent) {
    }

    /**
     * Claims the interaction. If another transaction holds an uncommitted claim, PostgreSQL makes
     * this wait for it: a concurrent duplicate never runs the handler twice.
     *
     * <p>The transaction's limits go in the same round trip as the claim, its first statement.
     *
     * @return true when this transaction owns the interaction; false when it was already handled
     */
    boolean claim(Connection tx, TransactionLimits limits, InteractionEnvelope envelope, String routingKey,
                  String workerId, Instant now) throws SQLException {
        return insert(tx, limits.setLocal() + "; ", envelope, routingKey, workerId, now, IN_PROGRESS, null);
    }

    void complete(Connection tx, String interactionId, Outcome outcome, String routingKey, ResponseBodies response,
                  Instant now) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE handled_interactions"
                + " SET outcome = ?, routing_key = ?, response = ?::jsonb, handled_at = ? WHERE interaction_id = ?")) {
            update.setString(1, outcome.label());
            update.setString(2, routingKey);
            update.setString(3, write(response));
            update.setObject(4, timestamp(now));
            update.setString(5, interactionId);
            if (update.executeUpdate() != 1) {
                throw new SQLException("ledger row of interaction " + interactionId + " vanished inside its transaction");
            }
        }
    }

    /** Inserts a finished row directly (after a handler failure); false if someone else recorded it first. */
    boolean record(Connection tx, InteractionEnvelope envelope, String routingKey, String workerId, Instant now,
                   Outcome outcome, ResponseBodies response) throws SQLException {
        return insert(tx, "", envelope, routingKey, workerId, now, outcome.label(), response);
    }

    Optional<Entry> find(Connection tx, String interactionId) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT outcome, routing_key, response::text, delivered_at IS NOT NULL"
                        + " FROM handled_interactions WHERE interaction_id = ?")) {
            select.setString(1, interactionId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String response = row.getString(3);
                return Optional.of(new Entry(Outcome.ofLabel(row.getString(1)), row.getString(2),
                        response == null ? null : ResponseBodies.fromJson(read(response)), row.getBoolean(4)));
            }
        }
    }

    /**
     * Marks the row sent (in the column {@code delivered_at}), which also locks it until the transaction ends, so a
     * second copy of the same event waits here (at most the lock timeout) and then finds it sent. The caller sends the
     * answer and commits, or rolls back when Discord did not take it, and the row is unsent again.
     * One round trip with the transaction's limits.
     *
     * @return false when it was sent already (or is unknown)
     */
    boolean markSent(Connection tx, TransactionLimits limits, String interactionId, Instant now)
            throws SQLException {
        try (PreparedStatement update = tx.prepareStatement(limits.setLocal() + "; UPDATE handled_interactions"
                + " SET delivered_at = ? WHERE interaction_id = ? AND delivered_at IS NULL")) {
            update.setObject(1, timestamp(now));
            update.setString(2, interactionId);
            return lastUpdateCount(update) == 1;
        }
    }

    /** @param prelude statements sent ahead of the insert in the same round trip, or empty */
    private static boolean insert(Connection tx, String prelude, InteractionEnvelope envelope, String routingKey,
                                  String workerId, Instant now, String outcome, ResponseBodies response)
            throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement(prelude + "INSERT INTO handled_interactions"
                + " (interaction_id, kind, routing_key, guild_id, channel_id, user_id, outcome, response,"
                + " received_at, handled_at, worker_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                + " ON CONFLICT (interaction_id) DO NOTHING")) {
            insert.setString(1, envelope.interactionId());
            insert.setString(2, envelope.kind().subjectToken());
            insert.setString(3, routingKey);
            insert.setString(4, envelope.guildId().orElse(null));
            insert.setString(5, envelope.channelId());
            insert.setString(6, envelope.userId());
            insert.setString(7, outcome);
            if (response == null) {
                insert.setNull(8, Types.VARCHAR);
            } else {
                insert.setString(8, write(response));
            }
            insert.setObject(9, timestamp(envelope.receivedAt()));
            insert.setObject(10, timestamp(now));
            insert.setString(11, workerId);
            return lastUpdateCount(insert) == 1;
        }
    }

    /** The update count of the last statement of a multi-statement execution (the limits, then the one that counts). */
    private static int lastUpdateCount(PreparedStatement statement) throws SQLException {
        statement.execute();
        int count = statement.getUpdateCount();
        while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
            count = statement.getUpdateCount();
        }
        return count;
    }

    /** As an offset date-time: the driver writes it directly, where a {@code Timestamp} goes through a Calendar. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String write(ResponseBodies response) throws SQLException {
        try {
            return JSON.writeValueAsString(response.toJson());
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot serialise reply", e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) throws SQLException {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored reply is not a JSON object", e);
        }
    }
}
