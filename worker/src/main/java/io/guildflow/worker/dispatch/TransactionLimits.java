package io.guildflow.worker.dispatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Limits on every interaction transaction, so a hung or frozen peer never blocks anyone for long:
 *
 * <ul>
 *   <li>{@code lock_timeout}: waiting for a row another transaction holds (a duplicate delivery
 *       of an event a frozen worker claimed) fails after {@code lockTimeout}; the event is retried later.</li>
 *   <li>{@code statement_timeout}: no single statement runs longer than the handler limit.</li>
 *   <li>{@code idle_in_transaction_session_timeout}: a worker that stops mid-transaction (SIGSTOP,
 *       a handler stuck outside the database) loses its session and its locks one second after the
 *       handler limit, so the event's redelivery can claim it.</li>
 * </ul>
 *
 * Set with {@code SET LOCAL}: they end with the transaction and never touch Flyway or the pool.
 *
 * @param lockTimeout      longest wait for a lock (default 2 s)
 * @param handlerTimeLimit longest a handler may run before it is cut off (default 5 s)
 */
public record TransactionLimits(Duration lockTimeout, Duration handlerTimeLimit) {
    public static final TransactionLimits DEFAULT = new TransactionLimits(Duration.ofSeconds(2), Duration.ofSeconds(5));

    public TransactionLimits {
        if (lockTimeout.toMillis() < 1 || handlerTimeLimit.toMillis() < 1) {
            throw new IllegalArgumentException("transaction limits must be at least 1 ms");
        }
    }

    /** How long a frozen worker can hold an interaction's row: then PostgreSQL ends its session. */
    public Duration idleInTransaction() {
        return handlerTimeLimit.plusSeconds(1);
    }

    void apply(Connection tx) throws SQLException {
        try (Statement set = tx.createStatement()) {
            set.execute(setLocal());
        }
    }

    /**
     * The statements that set the limits, to send ahead of a transaction's first statement in the same round trip
     * ({@code setLocal() + "; " + sql}): one network round trip less per transaction.
     */
    String setLocal() {
        return "SET LOCAL lock_timeout = " + lockTimeout.toMillis()
                + "; SET LOCAL statement_timeout = " + handlerTimeLimit.toMillis()
                + "; SET LOCAL idle_in_transaction_session_timeout = " + idleInTransaction().toMillis();
    }
}
