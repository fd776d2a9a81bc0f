package io.guildflow.gateway.shard;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The shards this gateway owns, at one instant: readiness and its detail come from the same
 * snapshot, so a check never says "ready" beside "1 of 2 shards connected".
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

    /**
     * What {@code /ready} shows, for a person: {@code 2 of 2 shards connected (shards 0-1)} when all are, else the
     * ones that are not and why, in JDA's words ({@code 1 of 2 shards connected: shard 1 waiting to reconnect}).
     */
    public String describe() {
        String count = connected() + " of " + shards.size() + " shards connected";
        if (shards.isEmpty()) {
            return count + ": none owned yet";
        }
        if (allConnected()) {
            return count + " (" + (shards.size() == 1 ? "shard " : "shards ") + ranges() + ")";
        }
        return count + ": " + shards.entrySet().stream().filter(shard -> !CONNECTED.equals(shard.getValue()))
                .map(shard -> "shard " + shard.getKey() + " " + shard.getValue().replace('_', ' '))
                .collect(Collectors.joining(", "));
    }

    /** The owned shard ids with runs folded: {@code 0-15}, {@code 2, 5-6}. */
    private String ranges() {
        StringBuilder out = new StringBuilder();
        Integer start = null;
        Integer previous = null;
        for (int id : shards.keySet()) {
            if (previous != null && id == previous + 1) {
                previous = id;
                continue;
            }
            appendRun(out, start, previous);
            start = id;
            previous = id;
        }
        appendRun(out, start, previous);
        return out.toString();
    }

    private static void appendRun(StringBuilder out, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        out.append(out.length() == 0 ? "" : ", ").append(start).append(start.equals(end) ? "" : "-" + end);
    }

    static ShardStatus of(Map<Integer, String> shards) {
        return new ShardStatus(new TreeMap<>(shards));
    }
}
