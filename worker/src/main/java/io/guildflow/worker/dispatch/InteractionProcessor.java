package io.guildflow.worker.dispatch;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.database.PostgresFailures;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.discord.ResponseEncoder;
import io.guildflow.worker.outbox.DeliveredPosts;
import io.guildflow.worker.outbox.OutboxWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once handling of one interaction: claim it in the ledger, run the handler on the same
 * transaction, store the reply, commit. A redelivery finds the committed row and gets the stored
 * reply back without running the handler again; once Discord accepted the reply, the row says so and
 * a redelivery only acks. Sending the reply is {@link AnswerSender}'s.
 */
public final class InteractionProcessor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InteractionProcessor.class);

    private final Database database;
    private final Dispatcher dispatcher;
    private final InteractionLedger ledger = new InteractionLedger();
    private final Clock clock;
    private final String workerId;
    private final TransactionLimits limits;
    private final HandlerDeadline deadline;
    private final Runnable committed;
    private final BeforeCommit beforeCommit;

    /** @param committed told after every handler commit, so the outbox sends what it wrote at once */
    public InteractionProcessor(Database database, Dispatcher dispatcher, Clock clock, String workerId,
                                TransactionLimits limits, Runnable committed) {
        this(database, dispatcher, clock, workerId, limits, committed, BeforeCommit.NONE);
    }

    private InteractionProcessor(Database database, Dispatcher dispatcher, Clock clock, String workerId,
                                 TransactionLimits limits, Runnable committed, BeforeCommit beforeCommit) {
        this.beforeCommit = beforeCommit;
        this.committed = committed;
        this.database = database;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.workerId = workerId;
        this.limits = limits;
        this.deadline = new HandlerDeadline(limits.handlerTimeLimit(), workerId);
    }

    /**
     * Replay mode ({@code guildflow replay}, after a database restore): handlers run and their effects and ledger rows
     * are committed as a worker would, but in the same transaction the answer is marked delivered and the channel
     * messages it queued are recorded as sent already ({@code replayed}): Discord got them the first time.
     *
     * @param delivered the message ids Discord gave the posts the first time, for the posts replayed
     */
    public static InteractionProcessor forReplay(Database database, Dispatcher dispatcher, Clock clock,
                                                 String workerId, TransactionLimits limits, DeliveredPosts delivered) {
        InteractionLedger ledger = new InteractionLedger();
        return new InteractionProcessor(database, dispatcher, clock, workerId, limits, () -> { }, (tx, id) -> {
            ledger.markSent(tx, limits, id, clock.instant());
            OutboxWriter.recordReplayed(tx, OutboxWriter.interactionPrefix(id), delivered);
        });
    }

    /**
     * @throws TransientFailure nothing was committed and the event should be retried
     */
    public Answer process(InteractionEnvelope envelope) throws TransientFailure {
        return process(envelope, false);
    }

    /**
     * @param lastAttempt the last delivery before the dead-letter stream: a handler that ran past the limit
     *                    queued for locks gets the apology now instead of another retry
     */
    public Answer process(InteractionEnvelope envelope, boolean lastAttempt) throws TransientFailure {
        Connection connection;
        try {
            connection = database.connection();
        } catch (SQLException e) {
            throw new TransientFailure(TransientFailure.Reason.DATABASE_UNREACHABLE,
                    "database unreachable: " + e.getMessage(), e);
        }
        try (connection) {
            connection.setAutoCommit(false);
            try {
                return processIn(connection, envelope, lastAttempt);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new TransientFailure(reasonOf(e), "database error: " + e.getMessage(), e);
        }
    }

    private Answer processIn(Connection tx, InteractionEnvelope envelope, boolean lastAttempt)
            throws SQLException, TransientFailure {
        String id = envelope.interactionId();
        Dispatcher.Target target = dispatcher.target(envelope);
        if (!ledger.claim(tx, limits, envelope, target.key(), workerId, clock.instant())) {
            Answer stored = replay(tx, envelope, target);
            tx.commit();
            return stored;
        }
        Answer answer = null;
        Exception failure = null;
        HandlerDeadline.Watch watch = deadline.start();
        try {
            answer = dispatcher.dispatch(envelope, target, GuardedConnection.guard(tx));
        } catch (Exception e) {
            failure = e;
        }
        if (!watch.finish()) {
            if (failure == null) {
                // It finished after all: typically it queued for a hot row (each wait shorter than lock_timeout),
                // which an interrupt does not end. Its work is whole; throwing it away would lose a user's click.
                log.warn("handler for interaction {} ({}) finished after the {} limit; keeping its answer",
                        id, target.key(), deadline.limit());
            } else if (PostgresFailures.contended(failure) && !lastAttempt) {
                rollbackQuietly(tx);
                throw new TransientFailure(TransientFailure.Reason.CONTENDED, "handler of interaction " + id
                        + " waited too long for a lock: " + failure, failure);
            } else {
                rollbackQuietly(tx);
                log.error("handler for interaction {} ({}) ran past the {} limit and was cut off; answering with an apology"
                        + " ({})", id, target.key(), deadline.limit(), failure.toString());
                return recordFailure(tx, envelope, target, "handler ran past the " + deadline.limit() + " limit");
            }
        }
        if (failure != null) {
            rollbackQuietly(tx);
            if (isTransient(failure, tx)) {
                throw new TransientFailure(reasonOf(failure), "handler of interaction " + id + " interrupted: "
                        + failure, failure);
            }
            log.error("handler for interaction {} ({}) failed; answering with an apology",
                    id, target.key(), failure);
            return recordFailure(tx, envelope, target, "handler failed: " + failure);
        }
        ledger.complete(tx, id, answer.outcome(), target.key(), answer.response(), clock.instant());
        beforeCommit.apply(tx, id);
        tx.commit();
        committed.run();
        return answer;
    }

    /** A fresh transaction after the rollback: the failure is recorded so it is never retried. */
    private Answer recordFailure(Connection tx, InteractionEnvelope envelope, Dispatcher.Target target, String why)
            throws SQLException, TransientFailure {
        limits.apply(tx);
        ResponseBodies apology = ResponseEncoder.encode(dispatcher.apology(envelope));
        if (ledger.record(tx, envelope, target.key(), workerId, clock.instant(), Outcome.FAILED, apology)) {
            beforeCommit.apply(tx, envelope.interactionId());
            tx.commit();
            return Answer.failed(envelope.interactionId(), target.metricTag(), apology, why);
        }
        // Between our rollback and this insert another worker handled it: its answer wins.
        Answer stored = replay(tx, envelope, target);
        tx.commit();
        return stored;
    }

    private Answer replay(Connection tx, InteractionEnvelope envelope, Dispatcher.Target target)
            throws SQLException, TransientFailure {
        Optional<InteractionLedger.Entry> entry = ledger.find(tx, envelope.interactionId());
        if (entry.isEmpty()) {
            // Claim lost to a transaction that then rolled back before we looked: try again later.
            throw new TransientFailure(TransientFailure.Reason.CONTENDED,
                    "interaction " + envelope.interactionId() + " claimed but not committed", null);
        }
        InteractionLedger.Entry row = entry.get();
        return new Answer(envelope.interactionId(), row.outcome(), target.metricTag(),
                row.response(), true, row.sent(), Optional.empty());
    }

    /**
     * Failures the user should not be told about because a retry will do better: the database
     * connection broke, a lock was held too long by a peer, the transaction lost a serialisation race,
     * or the worker is shutting down.
     */
    static boolean isTransient(Throwable error, Connection tx) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        if (PostgresFailures.connectionLost(error) || PostgresFailures.contended(error)) {
            return true;
        }
        try {
            return tx.isClosed() || !tx.isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }

    /** Unreachable when the connection itself failed; anything else concerns this event only. */
    static TransientFailure.Reason reasonOf(Throwable error) {
        return PostgresFailures.connectionLost(error)
                ? TransientFailure.Reason.DATABASE_UNREACHABLE : TransientFailure.Reason.CONTENDED;
    }

    static void rollbackQuietly(Connection tx) {
        try {
            tx.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed (connection probably gone): {}", e.toString());
        }
    }

    @Override
    public void close() {
        deadline.close();
    }
}
