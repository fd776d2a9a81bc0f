package io.guildflow.common.discord.governor;

import java.util.HashMap;
import java.util.Map;

/**
 * Invalid requests (401, 403, and 429 except scope {@code shared}) of the whole cluster over
 * Discord's ten minutes, counted in one-minute slots per process: each process owns its own
 * counters (no two processes ever write the same one, so sharing needs no compare-and-set), and
 * the window sums the last ten minutes plus the current one, which errs on the high side.
 * Guarded by {@link RestGovernor}'s lock.
 */
final class InvalidRequests {
    static final long SLOT_MILLIS = 60_000;
    static final int WINDOW_SLOTS = 10;

    private final String self;
    /** process -> minute -> count */
    private final Map<String, Map<Long, Integer>> counts = new HashMap<>();

    InvalidRequests(String self) {
        this.self = self;
    }

    /** Counts one of ours; returns this process's count in the current minute (what we share). */
    int add(long now) {
        return counts.computeIfAbsent(self, p -> new HashMap<>()).merge(minute(now), 1, Integer::sum);
    }

    /** Another process's count for a minute (counts only grow, so the larger one wins). */
    void merge(String process, long minute, int count) {
        if (!process.equals(self)) {
            counts.computeIfAbsent(process, p -> new HashMap<>()).merge(minute, count, Math::max);
        }
    }

    /** Cluster-wide invalid requests in the window ending now. */
    long total(long now) {
        long oldest = minute(now) - WINDOW_SLOTS;
        long sum = 0;
        for (Map<Long, Integer> perMinute : counts.values()) {
            perMinute.keySet().removeIf(m -> m < oldest);
            for (Map.Entry<Long, Integer> e : perMinute.entrySet()) {
                sum += e.getValue();
            }
        }
        counts.values().removeIf(Map::isEmpty);
        return sum;
    }

    static long minute(long now) {
        return Math.floorDiv(now, SLOT_MILLIS);
    }
}
