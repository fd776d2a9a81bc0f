package io.guildflow.common.nats;

import io.guildflow.common.config.EnvironmentValues;

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
}
