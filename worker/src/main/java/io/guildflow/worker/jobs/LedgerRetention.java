package io.guildflow.worker.jobs;

import io.guildflow.api.JobContext;
import io.guildflow.api.ScheduledJob;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.nats.StreamProvisioner;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Deletes ledger rows (interactions' and gateway events') and sent outbox actions older than the retention ({@code LEDGER_RETENTION}), 1,000 per
 * batch, every 10 minutes. The stream keeps an event at most an hour, so a ledger row is never needed after that;
 * the default keeps a day for operators.
 */
public record LedgerRetention(Duration retention) implements ScheduledJob {
    public static final LedgerRetention DEFAULT = new LedgerRetention(Duration.ofDays(1));
    /**
     * While the stream may still hold an event, its ledger row decides whether a redelivered copy runs the handler
     * again: deleting the row earlier would break exactly-once.
     */
    static final Duration MIN_RETENTION = StreamProvisioner.EVENT_MAX_AGE;
    static final int BATCH = 1000;
    private static final Duration PERIOD = Duration.ofMinutes(10);

    public static LedgerRetention from(EnvironmentValues values) {
        return new LedgerRetention(values.duration("LEDGER_RETENTION", DEFAULT.retention(), MIN_RETENTION,
                ChronoUnit.FOREVER.getDuration(), "at least " + MIN_RETENTION.toHours()
                        + "h, the longest the stream keeps an event: a younger ledger row decides whether a redelivery"
                        + " runs its handler again"));
    }

    @Override
    public String name() {
        return "guildflow-ledger-retention";
    }

    @Override
    public Duration period() {
        return PERIOD;
    }

    @Override
    public boolean runBatch(JobContext context) throws SQLException {
        Timestamp cutoff = Timestamp.from(context.now().minus(retention));
        int ledger = delete(context, "DELETE FROM handled_interactions WHERE interaction_id IN (SELECT interaction_id"
                + " FROM handled_interactions WHERE handled_at < ? ORDER BY handled_at LIMIT " + BATCH + ")", cutoff);
        int events = delete(context, "DELETE FROM handled_events WHERE event_key IN (SELECT event_key"
                + " FROM handled_events WHERE handled_at < ? ORDER BY handled_at LIMIT " + BATCH + ")", cutoff);
        int outbox = delete(context, "DELETE FROM discord_outbox WHERE id IN (SELECT id FROM discord_outbox"
                + " WHERE delivered_at IS NOT NULL AND created_at < ? ORDER BY id LIMIT " + BATCH + ")", cutoff);
        return ledger == BATCH || events == BATCH || outbox == BATCH;
    }

    private static int delete(JobContext context, String sql, Timestamp cutoff) throws SQLException {
        try (PreparedStatement delete = context.sql().prepareStatement(sql)) {
            delete.setTimestamp(1, cutoff);
            return delete.executeUpdate();
        }
    }
}
