package io.guildflow.gateway;

import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.gateway.events.EventSettings;
import io.guildflow.gateway.guard.GuardSettings;
import io.guildflow.gateway.ingress.EnvelopePublisher;
import io.guildflow.gateway.shard.ShardSettings;

/**
 * The process configuration's gateway section: the shards it holds, its acknowledgement guard, how long it keeps
 * trying to publish an interaction, and its gateway-event buffer and privileged intents. Each part is read and
 * checked by the class that uses it.
 */
public record GatewaySettings(ShardSettings shards, GuardSettings guard, EnvelopePublisher.Limits publishing,
                              EventSettings events) {

    public static GatewaySettings from(EnvironmentValues values) {
        return new GatewaySettings(ShardSettings.from(values), GuardSettings.from(values),
                EnvelopePublisher.Limits.from(values), EventSettings.from(values));
    }
}
