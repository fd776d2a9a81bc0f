package io.guildflow.common.nats;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.time.Duration;

/**
 * The gateway-event stream's limits and its partitioning. Events have a stream of their own so that a flood of
 * messages can fill it (and lose its oldest events) without ever delaying an interaction.
 *
 * @param maxAge     {@code EVENT_STREAM_MAX_AGE}: how long an unhandled event is kept (workers down, a backlog)
 * @param maxBytes   {@code EVENT_STREAM_MAX_BYTES}: the stream's size cap; beyond it the oldest events are discarded
 * @param partitions {@code EVENT_PARTITIONS}: events of one guild (or DM user) always land in the same partition
 *                   and each partition is handled one event at a time, in order; the same value on every gateway
 *                   and worker of the environment, changed only with the event stream drained
 */
public record EventStreamSettings(Duration maxAge, long maxBytes, int partitions) {
    /** As the interaction stream's ({@link Topology#DEFAULT_STREAM_MAX_AGE}): a replay reaches as far back in both. */
    public static final Duration DEFAULT_MAX_AGE = Topology.DEFAULT_STREAM_MAX_AGE;
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final int DEFAULT_PARTITIONS = 16;
    /** A partition is a durable consumer; more than this many costs the server more than it buys in parallelism. */
    public static final int MAX_PARTITIONS = 256;
    private static final long MIN_MAX_BYTES = 1L << 20;

    public EventStreamSettings {
        if (maxBytes < MIN_MAX_BYTES) {
            throw ConfigException.invalid("EVENT_STREAM_MAX_BYTES", String.valueOf(maxBytes),
                    "at least 1048576 (1 MiB)");
        }
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw ConfigException.invalid("EVENT_PARTITIONS", String.valueOf(partitions), "1 to " + MAX_PARTITIONS);
        }
    }

    public static EventStreamSettings defaults() {
        return new EventStreamSettings(DEFAULT_MAX_AGE, DEFAULT_MAX_BYTES, DEFAULT_PARTITIONS);
    }

    public static EventStreamSettings from(EnvironmentValues values) {
        return new EventStreamSettings(values.duration("EVENT_STREAM_MAX_AGE", DEFAULT_MAX_AGE),
                values.optional("EVENT_STREAM_MAX_BYTES").map(EventStreamSettings::bytes).orElse(DEFAULT_MAX_BYTES),
                values.wholeNumber("EVENT_PARTITIONS", DEFAULT_PARTITIONS, 1, MAX_PARTITIONS, "1 to " + MAX_PARTITIONS));
    }

    static long bytes(String value) {
        return EnvironmentValues.parseBytes("EVENT_STREAM_MAX_BYTES", value);
    }
}
