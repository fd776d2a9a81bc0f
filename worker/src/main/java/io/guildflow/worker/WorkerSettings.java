package io.guildflow.worker;

import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.database.PoolSettings;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.guildflow.worker.jobs.LedgerRetention;
import java.time.Duration;
import java.util.Optional;

/**
 * The process configuration's worker section: where PostgreSQL is and how large its pool is, how the worker
 * consumes, the limits of every interaction transaction, and how long the ledger is kept. Each part is read and
 * checked by the class that uses it.
 *
 * @param database empty without {@code DATABASE_URL}; the roles that use PostgreSQL require it when they start
 */
public record WorkerSettings(Optional<DatabaseSettings> database, PoolSettings pool, ConsumerSettings consumer,
                             TransactionLimits transactions, LedgerRetention retention) {

    /** @param longestStreamAge the longest a stream keeps an event: the ledger keeps its rows at least as long */
    public static WorkerSettings from(EnvironmentValues values, Duration longestStreamAge) {
        return new WorkerSettings(DatabaseSettings.from(values), PoolSettings.from(values),
                ConsumerSettings.from(values), TransactionLimits.from(values),
                LedgerRetention.from(values, longestStreamAge));
    }
}
