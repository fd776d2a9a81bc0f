package io.guildflow.api;

import java.time.Duration;

/**
 * Periodic work of a bot (closing expired signups, cleaning up), found like handlers with
 * {@link java.util.ServiceLoader}: list the class in {@code META-INF/services/io.guildflow.api.ScheduledJob}.
 *
 * <p>Guarantees: a run starts at most once per {@link #period()} across all workers of the
 * environment, and only one worker runs a job at a time (a PostgreSQL advisory lock held for the
 * run; a worker that dies or freezes loses it with its database session). A run is a sequence of
 * batches; each batch is one transaction, and its {@link JobContext#discord() Discord actions} are
 * sent after it commits, exactly once. A batch that fails rolls back alone: the next run takes its
 * work up again. Write batches so that running one twice is harmless (select the work by state, e.g.
 * {@code WHERE closed = false … LIMIT 10 FOR UPDATE SKIP LOCKED}).
 */
public interface ScheduledJob {

    /** Unique among the bot's jobs: letters, digits, '-' and '_'. */
    String name();

    /** Time between the starts of two runs. */
    Duration period();

    /**
     * One batch in its own transaction.
     *
     * @return true when more work may be left: the runtime calls again at once; false ends the run
     */
    boolean runBatch(JobContext context) throws Exception;
}
