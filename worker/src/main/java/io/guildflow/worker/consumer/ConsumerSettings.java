package io.guildflow.worker.consumer;

import java.time.Duration;

/**
 * How a worker pulls from the shared durable consumer.
 *
 * @param concurrency     events processed at once by this worker; never more are pulled (backpressure)
 * @param ackWait         how long JetStream waits for an ack before redelivering to another worker;
 *                        while a handler runs longer the worker extends it with in-progress signals
 * @param maxDeliver      deliveries per event; the last one goes to the dead-letter stream unprocessed
 * @param maxAckPending   un-acked events across all workers of the environment
 * @param shutdownTimeout how long close() waits for in-flight events before handing them back
 */
public record ConsumerSettings(int concurrency, Duration ackWait, int maxDeliver, int maxAckPending,
                               Duration shutdownTimeout) {
    /**
     * 10 s: after a worker crash its events are redelivered within 10 s, which (after the gateway's
     * 2 s guard deferred them) is still far inside the 15-minute token life; a handler slower than
     * that keeps its event through in-progress signals every ~3 s, so a healthy slow handler is never
     * duplicated, and the 3 s heartbeat tolerates two lost signals.
     */
    public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(10);

    public ConsumerSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (ackWait.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ackWait must be at least 1s");
        }
        if (maxDeliver < 2) {
            throw new IllegalArgumentException("maxDeliver must be at least 2 (the last delivery dead-letters)");
        }
        if (maxAckPending < concurrency) {
            throw new IllegalArgumentException("maxAckPending must be at least concurrency");
        }
    }

    public static ConsumerSettings defaults() {
        return new ConsumerSettings(16, DEFAULT_ACK_WAIT, 10, 1000, Duration.ofSeconds(20));
    }

    public ConsumerSettings withConcurrency(int value) {
        return new ConsumerSettings(value, ackWait, maxDeliver, maxAckPending, shutdownTimeout);
    }

    public ConsumerSettings withAckWait(Duration value) {
        return new ConsumerSettings(concurrency, value, maxDeliver, maxAckPending, shutdownTimeout);
    }

    public ConsumerSettings withMaxDeliver(int value) {
        return new ConsumerSettings(concurrency, ackWait, value, maxAckPending, shutdownTimeout);
    }

    public ConsumerSettings withShutdownTimeout(Duration value) {
        return new ConsumerSettings(concurrency, ackWait, maxDeliver, maxAckPending, value);
    }

    /** In-progress signal period: at most 3 s and a third of ackWait, so two may be lost. */
    Duration heartbeat() {
        Duration third = ackWait.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(3)) < 0 ? third : Duration.ofSeconds(3);
    }
}
