package io.guildflow.common.discord;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import okhttp3.Headers;

/**
 * Remembers which route buckets Discord told us are empty ({@code X-RateLimit-Remaining: 0}) and
 * until when, so the next request on that bucket waits instead of provoking a 429 (429s count
 * toward Cloudflare's invalid-request ban). Only exhausted buckets are stored and expired entries
 * are dropped, so the map stays small even with one key per interaction.
 *
 * <p>Deliberately simple: no reservation of the remaining count, so concurrent requests can still
 * race into a 429; the client's bounded 429 retry covers that.
 */
final class RateLimitBuckets {

    private static final int PRUNE_THRESHOLD = 1024;

    private final ConcurrentHashMap<String, Long> emptyUntil = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    RateLimitBuckets(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Nanoseconds to wait before sending on {@code key}; 0 if the bucket is not known to be empty. */
    long delayNanos(String key) {
        Long until = emptyUntil.get(key);
        if (until == null) {
            return 0;
        }
        long delay = until - nanoClock.getAsLong();
        if (delay <= 0) {
            emptyUntil.remove(key, until);
            return 0;
        }
        return delay;
    }

    /** Learns from response headers of a request on {@code key}. */
    void update(String key, Headers headers) {
        String remaining = headers.get("X-RateLimit-Remaining");
        if (remaining == null) {
            return;
        }
        try {
            if (Integer.parseInt(remaining.trim()) > 0) {
                emptyUntil.remove(key);
                return;
            }
            String resetAfter = headers.get("X-RateLimit-Reset-After");
            if (resetAfter != null) {
                markEmpty(key, secondsToNanos(Double.parseDouble(resetAfter.trim())));
            }
        } catch (NumberFormatException ignored) {
            // malformed header: better to learn nothing than to block a route
        }
    }

    /** Bucket is empty for {@code nanos} from now (after a 429 or headers saying so). */
    void markEmpty(String key, long nanos) {
        if (nanos <= 0) {
            return;
        }
        if (emptyUntil.size() > PRUNE_THRESHOLD) {
            long now = nanoClock.getAsLong();
            emptyUntil.values().removeIf(until -> until - now <= 0);
        }
        emptyUntil.merge(key, nanoClock.getAsLong() + nanos, Math::max);
    }

    int size() {
        return emptyUntil.size();
    }

    static long secondsToNanos(double seconds) {
        return seconds <= 0 ? 0 : (long) Math.ceil(seconds * 1_000_000_000d);
    }
}
