package io.guildflow.worker.consumer;

import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.nats.ConsumerPolicy;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * How a worker consumes: {@code WORKER_CONCURRENCY}, {@code ACK_WAIT}, {@code MAX_DELIVER}, {@code EVENT_WORKER_CONCURRENCY}. The gateway and
 * {@code setup}, which own the shared durable consumer, provision it from the same settings ({@link #policy()}).
 *
 * @param concurrency events processed at once by this worker; never more are pulled (backpressure)
 * @param ackWait     how long JetStream waits for an ack before redelivering to another worker; while a handler
 *                    runs longer the worker extends it with in-progress signals
 * @param maxDeliver  deliveries per event; the last one goes to the dead-letter stream unprocessed
 * @param eventConcurrency gateway events handled at once by this worker, on threads of their own so a flood of
 *                    messages never takes an interaction's thread; at most one per event partition
 */
public record ConsumerSettings(int concurrency, Duration ackWait, int maxDeliver, int eventConcurrency) {
    /** Gateway-event threads: enough to keep a few partitions busy without crowding the interaction threads. */
    public static final int DEFAULT_EVENT_CONCURRENCY = 4;
    /**
     * 10 s ack wait: after a worker crash its events are redelivered within 10 s, still far inside the
     * 15-minute token life; a slower handler keeps its event through in-progress signals.
     */
    public static final ConsumerSettings DEFAULT = new ConsumerSettings(16, Duration.ofSeconds(10), 10);

    /** With the default gateway-event concurrency. */
    public ConsumerSettings(int concurrency, Duration ackWait, int maxDeliver) {
        this(concurrency, ackWait, maxDeliver, DEFAULT_EVENT_CONCURRENCY);
    }
    /** Never less than this many events may be un-acked across the environment, whatever one worker's concurrency. */
    private static final int MIN_ACK_PENDING = 1000;

    public static ConsumerSettings from(EnvironmentValues values) {
        return new ConsumerSettings(values.positiveInt("WORKER_CONCURRENCY", DEFAULT.concurrency()),
                values.duration("ACK_WAIT", DEFAULT.ackWait(), Duration.ofSeconds(1), ChronoUnit.FOREVER.getDuration(),
                        "at least 1s"),
                values.wholeNumber("MAX_DELIVER", DEFAULT.maxDeliver(), 2, Integer.MAX_VALUE,
                        "at least 2 (the last delivery goes to the dead-letter stream)"),
                values.positiveInt("EVENT_WORKER_CONCURRENCY", DEFAULT_EVENT_CONCURRENCY));
    }

    /** The shared consumer's server-side configuration: derived here only, whoever provisions it. */
    public ConsumerPolicy policy() {
        return new ConsumerPolicy(ackWait, Math.max(MIN_ACK_PENDING, concurrency));
    }

    /** In-progress signal period for the consumer's actual ackWait: at most 3 s and a third of it, so two may be lost. */
    public static Duration heartbeat(Duration ackWait) {
        Duration third = ackWait.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(3)) < 0 ? third : Duration.ofSeconds(3);
    }
}
