package io.guildflow.testkit.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Messages the bot created with {@code enforce_nonce}, by nonce, for "the past few minutes" (message docs, "Create
 * Message"; 5 minutes here). Callers synchronize on the instance.
 */
final class Nonces {
    private static final Duration KEPT = Duration.ofMinutes(5);

    private record Created(ObjectNode message, Instant at) {}

    private final Map<String, Created> byNonce = new LinkedHashMap<>();

    Optional<ObjectNode> find(String nonce, Instant now) {
        forgetOlderThan(now.minus(KEPT));
        Created c = byNonce.get(nonce);
        return c == null ? Optional.empty() : Optional.of(c.message());
    }

    void remember(String nonce, ObjectNode message, Instant now) {
        byNonce.put(nonce, new Created(message, now));
    }

    private void forgetOlderThan(Instant cutoff) {
        Iterator<Created> it = byNonce.values().iterator();
        while (it.hasNext() && it.next().at().isBefore(cutoff)) {
            it.remove();
        }
    }
}
