package io.guildflow.common.config;

import java.time.Duration;

/**
 * How a worker consumes: {@code WORKER_CONCURRENCY}, {@code ACK_WAIT}, {@code MAX_DELIVER}.
 *
 * @param concurrency events processed at once by one worker; never more are pulled (backpressure)
 * @param ackWait     how long JetStream waits for an ack before redelivering to another worker
 * @param maxDeliver  deliveries per event; the last one goes to the dead-letter stream unprocessed
 */
public record WorkerSettings(int concurrency, Duration ackWait, int maxDeliver) {
    /**
     * 10 s ack wait: after a worker crash its events are redelivered within 10 s, still far inside the
     * 15-minute token life; a slower handler keeps its event through in-progress signals.
     */
    public static final WorkerSettings DEFAULT = new WorkerSettings(16, Duration.ofSeconds(10), 10);

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
    }

    static WorkerSettings from(EnvironmentValues values) {
        return new WorkerSettings(values.positiveInt("WORKER_CONCURRENCY", DEFAULT.concurrency()),
                values.duration("ACK_WAIT", DEFAULT.ackWait()),
                values.positiveInt("MAX_DELIVER", DEFAULT.maxDeliver()));
    }
}
