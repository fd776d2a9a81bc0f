package io.guildflow.worker.dispatch;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.database.Database;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.discord.ResponseEncoder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once handling of one interaction: claim it in the ledger, run the handler on the same
 * transaction, store the reply, commit. A redelivery finds the committed row and gets the stored
 * reply back without running the handler again.
 */
public final class InteractionProcessor {
    private static final Logger log = LoggerFactory.getLogger(InteractionProcessor.class);

    private final Database database;
    private final Dispatcher dispatcher;
    private final InteractionLedger ledger = new InteractionLedger();
    private final Clock clock;
    private final String workerId;

    public InteractionProcessor(Database database, Dispatcher dispatcher, Clock clock, String workerId) {
        this.database = database;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.workerId = workerId;
    }

    /**
     * @throws TransientFailure nothing was committed and the event should be retried
     */
    public Answer process(InteractionEnvelope envelope) throws TransientFailure {
        Connection connection;
        try {
            connection = database.connection();
        } catch (SQLException e) {
            throw new TransientFailure("database unreachable: " + e.getMessage(), e);
        }
        try (connection) {
            connection.setAutoCommit(false);
            try {
                return processIn(connection, envelope);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new TransientFailure("database error: " + e.getMessage(), e);
        }
    }

    private Answer processIn(Connection tx, InteractionEnvelope envelope) throws SQLException, TransientFailure {
        String id = envelope.interactionId();
        if (!ledger.claim(tx, envelope, workerId, clock.instant())) {
            Answer stored = replay(tx, envelope);
            tx.commit();
            return stored;
        }
        Dispatcher.Handled handled;
        try {
            handled = dispatcher.dispatch(envelope, GuardedConnection.guard(tx));
        } catch (Exception e) {
            rollbackQuietly(tx);
            if (isTransient(e, tx)) {
                throw new TransientFailure("handler of interaction " + id + " interrupted: " + e, e);
            }
            log.error("handler for interaction {} ({}) failed; answering with an apology",
                    id, Dispatcher.routingKeyOf(envelope), e);
            return recordFailure(tx, envelope);
        }
        ResponseBodies response = ResponseEncoder.encode(handled.response());
        ledger.complete(tx, id, handled.outcome(), handled.routingKey(), response, clock.instant());
        tx.commit();
        return new Answer(id, handled.outcome(), handled.metricTag(), response, false);
    }

    /** A fresh transaction after the rollback: the failure is recorded so it is never retried. */
    private Answer recordFailure(Connection tx, InteractionEnvelope envelope) throws SQLException, TransientFailure {
        ResponseBodies apology = ResponseEncoder.encode(dispatcher.apology(envelope));
        String tag = dispatcher.metricTag(envelope);
        if (ledger.record(tx, envelope, workerId, clock.instant(), Outcome.FAILED, null, apology)) {
            tx.commit();
            return new Answer(envelope.interactionId(), Outcome.FAILED, tag, apology, false);
        }
        // Between our rollback and this insert another worker handled it: its answer wins.
        Answer stored = replay(tx, envelope);
        tx.commit();
        return stored;
    }

    private Answer replay(Connection tx, InteractionEnvelope envelope) throws SQLException, TransientFailure {
        Optional<InteractionLedger.Entry> entry = ledger.find(tx, envelope.interactionId());
        if (entry.isEmpty()) {
            // Claim lost to a transaction that then rolled back before we looked: try again later.
            throw new TransientFailure("interaction " + envelope.interactionId() + " claimed but not committed", null);
        }
        return new Answer(envelope.interactionId(), entry.get().outcome(), dispatcher.metricTag(envelope),
                entry.get().response(), true);
    }

    /**
     * Failures the user should not be told about because a retry will do better: the database
     * connection broke, the transaction lost a serialisation race, or the worker is shutting down.
     */
    static boolean isTransient(Throwable error, Connection tx) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("40001")
                        || state.equals("40P01")) {
                    return true;
                }
            }
        }
        try {
            return tx.isClosed() || !tx.isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }

    private static void rollbackQuietly(Connection tx) {
        try {
            tx.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed (connection probably gone): {}", e.toString());
        }
    }
}
