package io.guildflow.common.nats;

import io.guildflow.common.config.EnvironmentValues;
import java.time.Duration;

/**
 * The process configuration's NATS section: where the servers are and what this environment's names on them are.
 * A setting of the environment's streams belongs here, beside the topology.
 *
 * @param events the gateway-event stream's limits and partitions (gateway and worker read the same variables)
 */
public record NatsSettings(NatsServers servers, Topology topology, EventStreamSettings events) {
    public static NatsSettings from(EnvironmentValues values) {
        return new NatsSettings(NatsServers.from(values), Topology.from(values), EventStreamSettings.from(values));
    }

    /** The longest either stream keeps an event ({@code STREAM_MAX_AGE}, {@code EVENT_STREAM_MAX_AGE}). */
    public Duration longestStreamAge() {
        return longestStreamAge(topology, events);
    }

    /** The same, for a process handed the two parts without the servers (a worker). */
    public static Duration longestStreamAge(Topology topology, EventStreamSettings events) {
        return topology.streamMaxAge().compareTo(events.maxAge()) >= 0 ? topology.streamMaxAge() : events.maxAge();
    }
}
