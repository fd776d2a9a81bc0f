package io.guildflow.worker.consumer;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the pull loop while PostgreSQL is unreachable: events wait in the stream instead of being
 * pulled, failed and pushed back with ever longer delays. Closed by the first event that finds the
 * database gone; the pull loop probes it and reopens as soon as a connection answers.
 */
final class DatabaseGate {
    private static final Logger log = LoggerFactory.getLogger(DatabaseGate.class);
    static final Duration PROBE_PERIOD = Duration.ofMillis(500);

    private final BooleanSupplier reachable;
    private volatile boolean closed;
    private long nextProbeNanos;

    DatabaseGate(BooleanSupplier reachable) {
        this.reachable = reachable;
    }

    /** Called by any processing thread that found the database unreachable. */
    void close(String why) {
        if (!closed) {
            closed = true;
            log.warn("database unreachable ({}); pulling paused until it answers again", why);
        }
    }

    boolean isOpen() {
        return !closed;
    }

    /** Called by the pull loop only: true when pulling may go on, probing at most every {@link #PROBE_PERIOD}. */
    boolean admits() {
        if (!closed) {
            return true;
        }
        long now = System.nanoTime();
        if (now - nextProbeNanos < 0) {
            return false;
        }
        nextProbeNanos = now + PROBE_PERIOD.toNanos();
        if (reachable.getAsBoolean()) {
            closed = false;
            log.info("database reachable again; pulling resumes");
        }
        return !closed;
    }
}
