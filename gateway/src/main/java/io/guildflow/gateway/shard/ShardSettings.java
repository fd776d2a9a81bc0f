package io.guildflow.gateway.shard;

import io.guildflow.common.config.EnvironmentValues;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which shards this gateway holds and where it connects them: {@code DISCORD_GATEWAY_URL}, {@code SHARD_COUNT},
 * {@code SHARD_IDS}.
 *
 * @param gatewayUrl empty: the URL Discord names in {@code GET /gateway/bot}
 * @param shardCount empty: Discord's recommendation
 */
public record ShardSettings(Optional<URI> gatewayUrl, OptionalInt shardCount, ShardIds shardIds) {

    public static ShardSettings from(EnvironmentValues values) {
        OptionalInt shardCount = values.optional("SHARD_COUNT")
                .map(v -> OptionalInt.of(EnvironmentValues.parsePositiveInt("SHARD_COUNT", v)))
                .orElse(OptionalInt.empty());
        return new ShardSettings(values.websocketUri("DISCORD_GATEWAY_URL"), shardCount,
                values.optional("SHARD_IDS").map(v -> ShardIds.parse("SHARD_IDS", v, shardCount)).orElse(ShardIds.all()));
    }
}
