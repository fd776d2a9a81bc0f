package io.guildflow.common.discord.governor;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the governor keeps for its metrics: 429s by scope, sheds and waits by priority. */
final class GovernorStats {
    private final Map<String, LongAdder> rateLimited = new ConcurrentHashMap<>();
    private final Map<Priority, LongAdder> shed = new EnumMap<>(Priority.class);
    private final Map<Priority, LongAdder> waits = new EnumMap<>(Priority.class);
    private final Map<Priority, LongAdder> waitedMillis = new EnumMap<>(Priority.class);

    GovernorStats() {
        for (Priority p : Priority.values()) {
            shed.put(p, new LongAdder());
            waits.put(p, new LongAdder());
            waitedMillis.put(p, new LongAdder());
        }
    }

    void rateLimited(String scope) {
        rateLimited.computeIfAbsent(scope, s -> new LongAdder()).increment();
    }

    void shed(Priority priority) {
        shed.get(priority).increment();
    }

    void waited(Priority priority, long millis) {
        waits.get(priority).increment();
        waitedMillis.get(priority).add(millis);
    }

    long rateLimitedCount(String scope) {
        LongAdder count = rateLimited.get(scope);
        return count == null ? 0 : count.sum();
    }

    long shedCount(Priority priority) {
        return shed.get(priority).sum();
    }

    long waits(Priority priority) {
        return waits.get(priority).sum();
    }

    long waitedMillis(Priority priority) {
        return waitedMillis.get(priority).sum();
    }
}
