package io.guildflow.worker.jobs;

import io.guildflow.common.DaemonThreads;
import io.guildflow.api.DiscordActions;
import io.guildflow.api.JobContext;
import io.guildflow.api.ScheduledJob;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.outbox.OutboxWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scheduled jobs on exactly one worker at a time. Every worker looks regularly; the one that
 * takes the job's session advisory lock and finds the period elapsed runs it, batch by batch, each
 * batch a transaction. A worker that dies loses the lock with its connection; one that freezes
 * loses its session to {@code idle_session_timeout} / {@code idle_in_transaction_session_timeout},
 * so another worker takes the job over at its next look.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
    /** How long a frozen holder keeps a job: PostgreSQL ends its idle session after this. */
    static final Duration HOLDER_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration MAX_LOOK_INTERVAL = Duration.ofSeconds(5);

    private final Database database;
    private final List<ScheduledJob> jobs;
    private final Clock clock;
    private final Runnable committed;
    private final String workerId;
    private final ScheduledExecutorService timer;
    private volatile boolean running;

    /** @param committed told after each batch commit, so the outbox sends its actions at once */
    public JobScheduler(Database database, List<ScheduledJob> jobs, Clock clock, Runnable committed, String workerId) {
        this.database = database;
        this.jobs = List.copyOf(jobs);
        this.clock = clock;
        this.committed = committed;
        this.workerId = workerId;
        this.timer = Executors.newScheduledThreadPool(Math.max(1, Math.min(jobs.size(), 2)),
                DaemonThreads.named("gf-worker-" + workerId + "-jobs"));
    }

    public void start() {
        running = true;
        for (ScheduledJob job : jobs) {
            long look = lookInterval(job.period()).toMillis();
            timer.scheduleWithFixedDelay(() -> look(job), look, look, TimeUnit.MILLISECONDS);
        }
    }

    /** Often enough to start close to the period, rarely enough to cost nothing. */
    static Duration lookInterval(Duration period) {
        Duration quarter = period.dividedBy(4);
        return quarter.compareTo(MAX_LOOK_INTERVAL) > 0 ? MAX_LOOK_INTERVAL : quarter;
    }

    private void look(ScheduledJob job) {
        try (Connection session = database.connection()) {
            session.setAutoCommit(true);
            if (!tryLock(session, job, true)) {
                return; // another worker runs it
            }
            try {
                execute(session, "SET idle_session_timeout = " + HOLDER_TIMEOUT.toMillis());
                if (due(session, job)) {
                    run(session, job);
                }
            } finally {
                execute(session, "RESET idle_session_timeout");
                tryLock(session, job, false);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("scheduled job {} not run now: {}", job.name(), e.toString());
        }
    }

    private void run(Connection session, ScheduledJob job) throws SQLException {
        int batches = 0;
        boolean more = true;
        while (more && running) {
            session.setAutoCommit(false);
            try {
                execute(session, "SET LOCAL statement_timeout = " + HOLDER_TIMEOUT.toMillis()
                        + "; SET LOCAL idle_in_transaction_session_timeout = " + HOLDER_TIMEOUT.toMillis());
                more = job.runBatch(new Context(session, OutboxWriter.forJob(session, job.name()), clock.instant()));
                session.commit();
                batches++;
                committed.run();
            } catch (Exception e) {
                session.rollback();
                log.error("scheduled job {} failed in batch {}; the next run takes its work up again",
                        job.name(), batches + 1, e);
                more = false;
            } finally {
                session.setAutoCommit(true);
            }
        }
        try (PreparedStatement finished = session.prepareStatement(
                "UPDATE scheduled_job_runs SET last_finished_at = ? WHERE name = ?")) {
            finished.setTimestamp(1, Timestamp.from(clock.instant()));
            finished.setString(2, job.name());
            finished.executeUpdate();
        }
        log.debug("scheduled job {} ran {} batches on {}", job.name(), batches, workerId);
    }

    /** Claims this period's run: true when the last start is at least a period ago (or there was none). */
    private boolean due(Connection session, ScheduledJob job) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement claim = session.prepareStatement("INSERT INTO scheduled_job_runs"
                + " (name, last_started_at, last_worker) VALUES (?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET last_started_at = EXCLUDED.last_started_at,"
                + " last_worker = EXCLUDED.last_worker"
                + " WHERE scheduled_job_runs.last_started_at <= ? RETURNING name")) {
            claim.setString(1, job.name());
            claim.setTimestamp(2, Timestamp.from(now));
            claim.setString(3, workerId);
            claim.setTimestamp(4, Timestamp.from(now.minus(job.period())));
            try (ResultSet claimed = claim.executeQuery()) {
                return claimed.next();
            }
        }
    }

    private static boolean tryLock(Connection session, ScheduledJob job, boolean lock) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("SELECT "
                + (lock ? "pg_try_advisory_lock" : "pg_advisory_unlock")
                + "(hashtext(current_schema() || '.job.' || ?))")) {
            statement.setString(1, job.name());
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void execute(Connection session, String sql) throws SQLException {
        try (Statement statement = session.createStatement()) {
            statement.execute(sql);
        }
    }

    private record Context(Connection sql, DiscordActions discord, Instant now) implements JobContext {
    }

    @Override
    public void close() {
        running = false;
        timer.shutdown();
        try {
            if (!timer.awaitTermination(HOLDER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timer.shutdownNow();
        }
    }
}
