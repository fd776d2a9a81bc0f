package io.guildflow.worker.consumer;

import io.guildflow.common.config.GuildflowConfig;
import io.guildflow.common.config.WorkerSettings;
import io.guildflow.common.nats.ConsumerPolicy;
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

    /**
     * {@code WORKER_CONCURRENCY}, {@code ACK_WAIT}, {@code MAX_DELIVER} and {@code SHUTDOWN_TIMEOUT} as configured
     * (validated where the environment is read); the rest fixed.
     */
    public static ConsumerSettings from(WorkerSettings worker, GuildflowConfig.Shutdown shutdown) {
        return new ConsumerSettings(worker.concurrency(), worker.ackWait(), worker.maxDeliver(),
                ConsumerPolicy.from(worker).maxAckPending(), shutdown.timeout());
    }

    public static ConsumerSettings defaults() {
        return from(WorkerSettings.DEFAULT, GuildflowConfig.Shutdown.DEFAULT);
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

    /** What this worker would provision; the consumer on the server may differ (its owner decides). */
    public ConsumerPolicy policy() {
        return new ConsumerPolicy(ackWait, maxAckPending);
    }

    /** In-progress signal period for the consumer's actual ackWait: at most 3 s and a third of it, so two may be lost. */
    static Duration heartbeat(Duration ackWait) {
        Duration third = ackWait.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(3)) < 0 ? third : Duration.ofSeconds(3);
    }
}
