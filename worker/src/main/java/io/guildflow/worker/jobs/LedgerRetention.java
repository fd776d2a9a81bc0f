package io.guildflow.worker.jobs;

import io.guildflow.api.JobContext;
import io.guildflow.api.ScheduledJob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;

/**
 * Deletes ledger rows and delivered outbox actions older than the retention, 1,000 per batch. The
 * stream keeps an event at most an hour, so a ledger row is never needed after that; the default
 * keeps a day for operators.
 */
public final class LedgerRetention implements ScheduledJob {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);
    static final int BATCH = 1000;

    private final Duration retention;
    private final Duration period;

    public LedgerRetention(Duration retention, Duration period) {
        this.retention = retention;
        this.period = period;
    }

    public static LedgerRetention defaults() {
        return new LedgerRetention(DEFAULT_RETENTION, Duration.ofMinutes(10));
    }

    @Override
    public String name() {
        return "guildflow-ledger-retention";
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public boolean runBatch(JobContext context) throws SQLException {
        Timestamp cutoff = Timestamp.from(context.now().minus(retention));
        int ledger = delete(context, "DELETE FROM handled_interactions WHERE interaction_id IN (SELECT interaction_id"
                + " FROM handled_interactions WHERE handled_at < ? ORDER BY handled_at LIMIT " + BATCH + ")", cutoff);
        int outbox = delete(context, "DELETE FROM discord_outbox WHERE id IN (SELECT id FROM discord_outbox"
                + " WHERE delivered_at IS NOT NULL AND created_at < ? ORDER BY id LIMIT " + BATCH + ")", cutoff);
        return ledger == BATCH || outbox == BATCH;
    }

    private static int delete(JobContext context, String sql, Timestamp cutoff) throws SQLException {
        try (PreparedStatement delete = context.sql().prepareStatement(sql)) {
            delete.setTimestamp(1, cutoff);
            return delete.executeUpdate();
        }
    }
}
