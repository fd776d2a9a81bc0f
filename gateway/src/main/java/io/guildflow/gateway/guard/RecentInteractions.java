package io.guildflow.gateway.guard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Interactions the guard heard of, each with a time: those it acknowledged itself, with when the gateway received
 * them, so that the worker's later answer still tells the {@link DeadlineBudget} how late the pipeline is; and those
 * another gateway acknowledged before this one read them. Bounded: the oldest are forgotten first (with every worker
 * down no answer ever comes for them).
 */
final class RecentInteractions {
    private final Map<String, Long> receivedAt;

    RecentInteractions(int capacity) {
        this.receivedAt = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(String interactionId, long receivedNanos) {
        receivedAt.put(interactionId, receivedNanos);
    }

    synchronized boolean contains(String interactionId) {
        return receivedAt.containsKey(interactionId);
    }

    synchronized OptionalLong remove(String interactionId) {
        Long received = receivedAt.remove(interactionId);
        return received == null ? OptionalLong.empty() : OptionalLong.of(received);
    }
}
