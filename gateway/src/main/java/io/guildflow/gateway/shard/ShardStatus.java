package io.guildflow.gateway.shard;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The shards this gateway owns, at one instant: readiness and its detail come from the same
 * snapshot, so a check never says "ready" beside "1/2 shards connected".
 *
 * @param shards each owned shard's JDA status in lower case ({@code connected}, {@code identifying_session}, …),
 *               {@code queued} for one JDA has not started yet (waiting for its IDENTIFY turn)
 */
public record ShardStatus(SortedMap<Integer, String> shards) {
    public static final String CONNECTED = "connected";
    public static final String QUEUED = "queued";

    public ShardStatus {
        shards = Collections.unmodifiableSortedMap(new TreeMap<>(shards));
    }

    /** Every owned shard is connected (and there is at least one). */
    public boolean allConnected() {
        return !shards.isEmpty() && shards.values().stream().allMatch(CONNECTED::equals);
    }

    public long connected() {
        return shards.values().stream().filter(CONNECTED::equals).count();
    }

    /** E.g. {@code 1/2 shards connected (0 connected, 1 queued)}: what {@code /ready} shows per shard. */
    public String describe() {
        return connected() + "/" + shards.size() + " shards connected (" + shards.entrySet().stream()
                .map(shard -> shard.getKey() + " " + shard.getValue()).collect(Collectors.joining(", ")) + ")";
    }

    static ShardStatus of(Map<Integer, String> shards) {
        return new ShardStatus(new TreeMap<>(shards));
    }
}
