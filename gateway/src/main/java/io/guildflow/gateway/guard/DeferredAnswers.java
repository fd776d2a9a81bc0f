package io.guildflow.gateway.guard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Interactions the guard acknowledged itself, with when the gateway received them, so that the
 * worker's later answer still tells the {@link DeadlineBudget} how late the pipeline is. Bounded:
 * the oldest are forgotten first (with every worker down no answer ever comes for them).
 */
final class DeferredAnswers {
    private final Map<String, Long> receivedAt;

    DeferredAnswers(int capacity) {
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
