package io.guildflow.worker.jobs;

import io.guildflow.api.JobContext;
import io.guildflow.api.ScheduledJob;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.nats.Topology;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Deletes ledger rows (interactions' and gateway events') and sent outbox actions older than the retention ({@code LEDGER_RETENTION}), 1,000 per
 * batch, every 10 minutes. A ledger row is needed while a stream may still hold its event (the workers' consumers
 * deliver everything a stream holds when they are recreated, and a replay re-reads it): the retention is at least the
 * longest stream age, and by default a day more for operators.
 */
public record LedgerRetention(Duration retention) implements ScheduledJob {
    /** A day beyond the longest a stream keeps an event. */
    static final Duration MARGIN = Duration.ofDays(1);
    /** With both streams' default ages (48h): 72h. */
    public static final LedgerRetention DEFAULT = beyond(Topology.DEFAULT_STREAM_MAX_AGE);
    static final int BATCH = 1000;
    private static final Duration PERIOD = Duration.ofMinutes(10);

    /** The default for streams that keep an event at most {@code longestStreamAge}. */
    static LedgerRetention beyond(Duration longestStreamAge) {
        return new LedgerRetention(longestStreamAge.plus(MARGIN));
    }

    /**
     * @param longestStreamAge the longest a stream keeps an event ({@code STREAM_MAX_AGE}, {@code EVENT_STREAM_MAX_AGE}):
     *                         while the stream may still hold an event, its ledger row decides whether a second
     *                         delivery runs the handler again, so deleting the row earlier would break exactly-once
     */
    public static LedgerRetention from(EnvironmentValues values, Duration longestStreamAge) {
        return new LedgerRetention(values.duration("LEDGER_RETENTION", beyond(longestStreamAge).retention(),
                longestStreamAge, ChronoUnit.FOREVER.getDuration(), "at least " + shown(longestStreamAge)
                        + ", the longest a stream keeps an event (STREAM_MAX_AGE, EVENT_STREAM_MAX_AGE): a younger"
                        + " ledger row decides whether a redelivery or a replay runs its handler again"));
    }

    /** As an operator writes it: {@code 48h}, {@code 90m}, {@code 45s}. */
    private static String shown(Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + "h";
        }
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + "m" : duration.toSeconds() + "s";
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
