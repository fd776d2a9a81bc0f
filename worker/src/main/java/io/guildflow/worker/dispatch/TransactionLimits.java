package io.guildflow.worker.dispatch;

import io.guildflow.common.config.EnvironmentValues;
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
 * @param lockTimeout      longest wait for a lock ({@code DB_LOCK_TIMEOUT})
 * @param handlerTimeLimit longest a handler may run before it is cut off ({@code HANDLER_TIMEOUT})
 */
public record TransactionLimits(Duration lockTimeout, Duration handlerTimeLimit) {
    /** A copy of an event a frozen worker holds is retried after 2 s instead of waiting for that worker. */
    public static final TransactionLimits DEFAULT = new TransactionLimits(Duration.ofSeconds(2), Duration.ofSeconds(5));
    /** A handler's answer is no use once its interaction token died (15 minutes after Discord created it). */
    static final Duration MAX_HANDLER_TIME = Duration.ofMinutes(14);

    /**
     * {@code DB_LOCK_TIMEOUT}, {@code HANDLER_TIMEOUT}. The lock wait is at most the handler's time: every statement,
     * a waiting one too, ends at the handler limit anyway.
     */
    public static TransactionLimits from(EnvironmentValues values) {
        Duration handler = values.duration("HANDLER_TIMEOUT", DEFAULT.handlerTimeLimit(), Duration.ofMillis(100),
                MAX_HANDLER_TIME, "from 100ms to 14m (an interaction's token dies after 15 minutes)");
        Duration lock = values.duration("DB_LOCK_TIMEOUT", DEFAULT.lockTimeout(), Duration.ofMillis(10), handler,
                "from 10ms to HANDLER_TIMEOUT (" + handler.toMillis() + "ms): no statement outlives the handler limit");
        return new TransactionLimits(lock, handler);
    }

    /** How long a frozen worker can hold an interaction's row: then PostgreSQL ends its session. */
    public Duration idleInTransaction() {
        return handlerTimeLimit.plusSeconds(1);
    }

    public void apply(Connection tx) throws SQLException {
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
