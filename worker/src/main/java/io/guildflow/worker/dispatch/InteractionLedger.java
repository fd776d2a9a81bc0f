package io.guildflow.worker.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * SQL of the {@code handled_interactions} table. Every method runs on the caller's connection and
 * transaction; the processor decides when to commit.
 */
final class InteractionLedger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IN_PROGRESS = "in_progress";

    /** A committed row: what was answered, to be delivered again on a redelivery. */
    record Entry(Outcome outcome, String routingKey, ResponseBodies response, boolean delivered) {
    }

    /**
     * Claims the interaction. If another transaction holds an uncommitted claim, PostgreSQL makes
     * this wait for it: a concurrent duplicate never runs the handler twice.
     *
     * @return true when this transaction owns the interaction; false when it was already handled
     */
    boolean claim(Connection tx, InteractionEnvelope envelope, String workerId, Instant now) throws SQLException {
        return insert(tx, envelope, workerId, now, IN_PROGRESS, null, null);
    }

    void complete(Connection tx, String interactionId, Outcome outcome, String routingKey, ResponseBodies response,
                  Instant now) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE handled_interactions"
                + " SET outcome = ?, routing_key = ?, response = ?::jsonb, handled_at = ? WHERE interaction_id = ?")) {
            update.setString(1, outcome.label());
            update.setString(2, routingKey);
            update.setString(3, write(response));
            update.setTimestamp(4, Timestamp.from(now));
            update.setString(5, interactionId);
            if (update.executeUpdate() != 1) {
                throw new SQLException("ledger row of interaction " + interactionId + " vanished inside its transaction");
            }
        }
    }

    /** Inserts a finished row directly (after a handler failure); false if someone else recorded it first. */
    boolean record(Connection tx, InteractionEnvelope envelope, String workerId, Instant now, Outcome outcome,
                   String routingKey, ResponseBodies response) throws SQLException {
        return insert(tx, envelope, workerId, now, outcome.label(), routingKey, response);
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

    /** Locks the row for delivery; false when it was delivered already (or is unknown). */
    boolean lockUndelivered(Connection tx, String interactionId) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT delivered_at IS NULL FROM handled_interactions"
                + " WHERE interaction_id = ? FOR UPDATE")) {
            select.setString(1, interactionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Discord has the answer: later deliveries of this event only ack. */
    void markDelivered(Connection connection, String interactionId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE handled_interactions SET delivered_at = ? WHERE interaction_id = ? AND delivered_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setString(2, interactionId);
            update.executeUpdate();
        }
    }

    private static boolean insert(Connection tx, InteractionEnvelope envelope, String workerId, Instant now,
                                  String outcome, String routingKey, ResponseBodies response) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO handled_interactions"
                + " (interaction_id, kind, routing_key, guild_id, channel_id, user_id, outcome, response,"
                + " received_at, handled_at, worker_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                + " ON CONFLICT (interaction_id) DO NOTHING")) {
            insert.setString(1, envelope.interactionId());
            insert.setString(2, envelope.kind().subjectToken());
            insert.setString(3, routingKey == null ? Dispatcher.routingKeyOf(envelope) : routingKey);
            insert.setString(4, envelope.guildId().orElse(null));
            insert.setString(5, envelope.channelId());
            insert.setString(6, envelope.userId());
            insert.setString(7, outcome);
            if (response == null) {
                insert.setNull(8, Types.VARCHAR);
            } else {
                insert.setString(8, write(response));
            }
            insert.setTimestamp(9, Timestamp.from(envelope.receivedAt()));
            insert.setTimestamp(10, Timestamp.from(now));
            insert.setString(11, workerId);
            return insert.executeUpdate() == 1;
        }
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
