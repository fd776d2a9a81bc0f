package io.guildflow.gateway.guard;

import java.time.Duration;

/**
 * Whether another gateway holds this one's shards, as far as this one can tell: its presence word (every 2 s,
 * {@link AckedSignals}), its word that it acknowledged an interaction, or a publish JetStream called a duplicate. A
 * gateway alone has nobody to agree with, so an acknowledgement due at receipt goes out at once instead of waiting
 * for JetStream's word on who published first (a fast worker would otherwise answer before a declared deferral).
 */
final class ShardPeers {
    /** Without any sign of another gateway for this long, this one acts alone again. */
    static final Duration MEMORY = Duration.ofMinutes(10);

    private volatile boolean seen;
    private volatile long lastSeenNanos;

    void seen(long nowNanos) {
        lastSeenNanos = nowNanos;
        seen = true;
    }

    boolean alone(long nowNanos) {
        return !seen || nowNanos - lastSeenNanos > MEMORY.toNanos();
    }
}
