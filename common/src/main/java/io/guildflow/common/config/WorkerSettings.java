package io.guildflow.common.config;

import java.time.Duration;

/**
 * How a worker consumes: {@code WORKER_CONCURRENCY}, {@code ACK_WAIT}, {@code MAX_DELIVER}, {@code WORKER_NICE}.
 *
 * @param concurrency events processed at once by one worker; never more are pulled (backpressure)
 * @param ackWait     how long JetStream waits for an ack before redelivering to another worker
 * @param maxDeliver  deliveries per event; the last one goes to the dead-letter stream unprocessed
 * @param nice        the CPU priority a worker process ({@code BOT_MODE=worker}) lowers itself to, as Unix
 *                    {@code nice} counts (0 to 19, 0 leaves it alone)
 */
public record WorkerSettings(int concurrency, Duration ackWait, int maxDeliver, int nice) {
    /**
     * 10 s ack wait: after a worker crash its events are redelivered within 10 s, still far inside the
     * 15-minute token life; a slower handler keeps its event through in-progress signals.
     */
    public static final WorkerSettings DEFAULT = new WorkerSettings(16, Duration.ofSeconds(10), 10, WorkerSettings.DEFAULT_NICE);
    /**
     * A worker on the gateway's host yields the CPU to it: on a saturated machine the gateway must read each
     * interaction and acknowledge it within Discord's 3 s, while a worker's answer can wait a little (seen on
     * 2 cores, fresh processes at 200/s: at equal priority receipt lag and acknowledgements grew past 3 s;
     * with workers at 10, p50 7 ms).
     */
    public static final int DEFAULT_NICE = 10;
    /** The least favourable priority Unix has. */
    public static final int MAX_NICE = 19;

    public WorkerSettings {
        if (concurrency < 1) {
            throw ConfigException.invalid("WORKER_CONCURRENCY", Integer.toString(concurrency), "at least 1");
        }
        if (ackWait.compareTo(Duration.ofSeconds(1)) < 0) {
            throw ConfigException.invalid("ACK_WAIT", ackWait.toMillis() + "ms", "at least 1s");
        }
        if (maxDeliver < 2) {
            throw ConfigException.invalid("MAX_DELIVER", Integer.toString(maxDeliver),
                    "at least 2 (the last delivery goes to the dead-letter stream)");
        }
        if (nice < 0 || nice > MAX_NICE) {
            throw ConfigException.invalid("WORKER_NICE", Integer.toString(nice), "a whole number from 0 to " + MAX_NICE);
        }
    }

    static WorkerSettings from(EnvironmentValues values) {
        return new WorkerSettings(values.positiveInt("WORKER_CONCURRENCY", DEFAULT.concurrency()),
                values.duration("ACK_WAIT", DEFAULT.ackWait()),
                values.positiveInt("MAX_DELIVER", DEFAULT.maxDeliver()),
                values.wholeNumber("WORKER_NICE", DEFAULT.nice()));
    }
}
