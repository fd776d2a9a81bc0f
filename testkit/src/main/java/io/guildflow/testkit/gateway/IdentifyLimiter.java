package io.guildflow.testkit.gateway;

import io.guildflow.testkit.recording.IdentifyRecord;
import io.guildflow.testkit.recording.IdentifyRecord.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Discord's limits on starting sessions (gateway docs, "Rate Limiting", "Max Concurrency" and "Session Start Limit
 * Object"): one IDENTIFY per {@code rate_limit_key = shard_id % max_concurrency} per 5 seconds, and a daily budget
 * of session starts. Time is the emulator clock, so a test can advance past a window instead of sleeping.
 */
public final class IdentifyLimiter {
    static final Duration BUCKET_WINDOW = Duration.ofSeconds(5);
    private static final Duration DAY = Duration.ofDays(1);

    private final Clock clock;
    private final int maxConcurrency;
    private final int total;
    private final Map<Integer, Instant> lastAcceptedByBucket = new HashMap<>();
    private final List<IdentifyRecord> records = new ArrayList<>();
    private int remaining;
    private Instant windowStart;

    public IdentifyLimiter(Clock clock, int maxConcurrency, int total, int remaining) {
        this.clock = clock;
        this.maxConcurrency = maxConcurrency;
        this.total = total;
        this.remaining = Math.min(total, remaining);
        this.windowStart = clock.instant();
    }

    /** Counts an IDENTIFY of {@code shard}; the outcome says whether a session may start. */
    synchronized Outcome identify(int shard, int shardCount) {
        Instant now = clock.instant();
        rollWindow(now);
        int bucket = shard % maxConcurrency;
        Instant last = lastAcceptedByBucket.get(bucket);
        Outcome outcome;
        if (remaining <= 0) {
            outcome = Outcome.SESSION_START_LIMIT_EXHAUSTED;
        } else if (last != null && Duration.between(last, now).compareTo(BUCKET_WINDOW) < 0) {
            outcome = Outcome.CONCURRENCY_LIMITED;
        } else {
            outcome = Outcome.ACCEPTED;
            remaining--;
            lastAcceptedByBucket.put(bucket, now);
        }
        records.add(new IdentifyRecord(now, shard, shardCount, bucket, outcome));
        return outcome;
    }

    /** Uses up the rest of today's session starts: every further IDENTIFY is refused until the reset. */
    public synchronized void exhaust() {
        rollWindow(clock.instant());
        remaining = 0;
    }

    public synchronized SessionStartLimit snapshot() {
        Instant now = clock.instant();
        rollWindow(now);
        return new SessionStartLimit(total, remaining, Duration.between(now, windowStart.plus(DAY)), maxConcurrency);
    }

    public synchronized List<IdentifyRecord> records() {
        return List.copyOf(records);
    }

    private void rollWindow(Instant now) {
        if (!now.isBefore(windowStart.plus(DAY))) {
            windowStart = now;
            remaining = total;
        }
    }
}
