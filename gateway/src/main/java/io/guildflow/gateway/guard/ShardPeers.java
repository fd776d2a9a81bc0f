package io.guildflow.gateway.guard;

import java.time.Duration;

/**
 * Whether another gateway holds this one's shards, as far as this one can tell: a publish JetStream called a
 * duplicate, or another gateway's word that it acknowledged. A gateway alone has nobody to agree with, so an
 * acknowledgement due at receipt goes out at once instead of waiting for JetStream's word on who published first
 * (a fast worker would otherwise answer before a declared deferral). A second gateway that starts later is learnt
 * at the first interaction it publishes first; until then the first one may send with it once (Discord refuses one,
 * 40060, a race lost).
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
