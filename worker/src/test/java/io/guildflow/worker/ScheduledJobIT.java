package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.api.JobContext;
import io.guildflow.api.ScheduledJob;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A scheduled job runs on one worker at a time, in batches, and survives the death of the worker running it. */
class ScheduledJobIT {
    private static final int ITEMS = 200;

    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    @Test
    void threeWorkersCloseEveryExpiredItemExactlyOnceWhileTheHolderIsKilledMidRun() throws Exception {
        env.worker("migrate", HandlerCatalog.of(), new RecordingResponder("m"), TestEnvironment.fastSettings()).close();
        env.execute("CREATE TABLE " + env.schema() + ".items (id int PRIMARY KEY, closed_count int NOT NULL DEFAULT 0,"
                + " closed_by text)");
        env.execute("INSERT INTO " + env.schema() + ".items (id) SELECT generate_series(1, " + ITEMS + ")");
        for (String id : new String[] {"a", "b", "c"}) {
            env.worker(id, HandlerCatalog.of().withJobs(new CloseItems(id)), new RecordingResponder(id),
                    TestEnvironment.fastSettings());
        }

        await("a worker is running the job", () -> closed() >= 30);
        // The holder's database session dies mid-run, as when its process is killed.
        env.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND objid = hashtext('" + env.schema() + ".job.close-items')::oid");
        await("every item closed", () -> closed() == ITEMS);
        assertEquals(0, env.count("SELECT count(*) FROM " + env.schema() + ".items WHERE closed_count <> 1"),
                "each item closed exactly once");
        assertTrue(env.count("SELECT count(DISTINCT closed_by) FROM " + env.schema() + ".items") >= 1);
    }

    private long closed() {
        try {
            return env.count("SELECT count(*) FROM " + env.schema() + ".items WHERE closed_count > 0");
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Closes ten open items per batch, slowly, so the run spans the kill. */
    record CloseItems(String workerId) implements ScheduledJob {
        @Override
        public String name() {
            return "close-items";
        }

        @Override
        public Duration period() {
            return Duration.ofMillis(500);
        }

        @Override
        public boolean runBatch(JobContext context) throws Exception {
            Thread.sleep(50);
            try (PreparedStatement close = context.sql().prepareStatement("UPDATE items SET closed_count ="
                    + " closed_count + 1, closed_by = ? WHERE id IN (SELECT id FROM items WHERE closed_count = 0"
                    + " ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED)")) {
                close.setString(1, workerId);
                return close.executeUpdate() == 10;
            }
        }
    }
}
