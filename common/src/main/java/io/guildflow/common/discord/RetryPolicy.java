package io.guildflow.common.discord;

import java.util.concurrent.TimeUnit;

/**
 * When a failed request is sent again. An interaction must be acknowledged within 3 s, so every
 * wait is bounded by {@code maxWaitNanos}; see {@link DiscordRestClient} for the reasoning.
 */
record RetryPolicy(long maxWaitNanos) {
    static final int MAX_ATTEMPTS = 3;

    /** 429: Discord did not process the request, so it is always safe to send again after the wait. */
    boolean retryRateLimited(int attempt, long waitNanos) {
        return attempt < MAX_ATTEMPTS && waitNanos <= maxWaitNanos;
    }

    /** A local bucket that resets later than we may wait: fail fast instead of earning a 429. */
    boolean mayWaitForBucket(long delayNanos) {
        return delayNanos <= maxWaitNanos;
    }

    /** 5xx or an I/O error after sending: the request may have been applied. */
    boolean retryUnclear(Route route, int attempt) {
        if (route.callback()) {
            return attempt < 2; // one retry; a 40060 on it means the first went through
        }
        return route.idempotent() && attempt < MAX_ATTEMPTS;
    }

    /** The connection failed ({@code notSent}: nothing reached Discord) or broke after sending. */
    boolean retryIoError(Route route, int attempt, boolean notSent) {
        return attempt < MAX_ATTEMPTS && (notSent || retryUnclear(route, attempt));
    }

    long backoffNanos(int attempt) {
        return TimeUnit.MILLISECONDS.toNanos(attempt == 1 ? 100 : 300);
    }
}
