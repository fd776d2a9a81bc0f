package io.guildflow.worker.consumer;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How many interactions this worker takes in flight: a limit that follows the measured handling latency (Netflix
 * {@code concurrency-limits}, {@link Gradient2Limit}), never above {@code WORKER_CONCURRENCY}. A cold or slow worker
 * (a busy machine, a slow database or Discord) keeps fewer events in hand and leaves the rest in the stream for
 * idle workers, or for the gateway's guard to acknowledge in time, instead of holding them while they wait.
 *
 * <p>Each event holds one {@link Permit} from its receipt to its ack or hand-back; only the permit's outcome feeds
 * the limit, so time spent waiting for events (a pull is a long poll) never counts as latency.
 */
final class IntakeLimit {
    /**
     * Where a fresh worker starts: a cold JVM answers slowly at first, and its first events should not all wait
     * on it. The limit grows by a few per quick answer, so a warm worker reaches its maximum within a second.
     */
    static final int INITIAL_LIMIT = 4;
    /** Gradient2's headroom above the estimate that lets the limit grow while latency holds (the library's own). */
    private static final int QUEUE_SIZE = 4;

    private final SimpleLimiter<Void> limiter;
    private final Limiter<Void> waiting;
    private final int maximum;

    /**
     * @param maximum {@code WORKER_CONCURRENCY}: the limit never exceeds it
     * @param wait    how long {@link #awaitPermit} waits for a permit before it returns empty
     */
    IntakeLimit(int maximum, Duration wait) {
        this(maximum, wait, System::nanoTime);
    }

    /** @param nanoClock what latencies are measured with (tests give their own) */
    IntakeLimit(int maximum, Duration wait, LongSupplier nanoClock) {
        this.maximum = maximum;
        this.limiter = SimpleLimiter.newBuilder()
                .named("guildflow-worker-intake")
                .nanoClock(nanoClock)
                .limit(Gradient2Limit.newBuilder()
                        .initialLimit(Math.min(INITIAL_LIMIT, maximum))
                        .minLimit(1)
                        .maxConcurrency(maximum)
                        .queueSize(Math.min(QUEUE_SIZE, maximum))
                        .build())
                .build();
        this.waiting = BlockingLimiter.wrap(limiter, wait);
    }

    /** The current limit, for the gauge. */
    int limit() {
        return limiter.getLimit();
    }

    /** The upper bound, {@code WORKER_CONCURRENCY}. */
    int maximum() {
        return maximum;
    }

    /** How many more events may be taken now: what a pull asks for. */
    int room() {
        return Math.max(0, limiter.getLimit() - limiter.getInflight());
    }

    /**
     * Waits (at most the {@code wait} given at construction) until an event may be taken, and takes a permit for it.
     *
     * @return empty when none freed up in time, or the thread was interrupted
     */
    Optional<Permit> awaitPermit() {
        return waiting.acquire(null).map(Permit::new);
    }

    /**
     * One event's place in the limit. Exactly one of its methods is called, once.
     */
    static final class Permit {
        private final Limiter.Listener listener;

        private Permit(Limiter.Listener listener) {
            this.listener = listener;
        }

        /** Answered, or settled for good (dead-lettered): its latency is a sample of how fast this worker serves. */
        void done() {
            listener.onSuccess();
        }

        /**
         * Handed back for a retry, or failed: told to the limiter as a drop. Its latency still counts (Gradient2 reads
         * latency, not drops), so a retry that took long shrinks the limit and a quick one does not.
         */
        void dropped() {
            listener.onDropped();
        }

        /** Never worked on (pulled while stopping): says nothing about latency. */
        void unused() {
            listener.onIgnore();
        }
    }
}
