package io.guildflow.common.discord.governor;

/**
 * One Discord bucket (a bucket hash plus a major parameter). Requests on a bucket go one at a
 * time, as in Discord4J's request streams: each answer's {@code X-RateLimit-Remaining} is then the
 * truth for the next request, and a bucket not yet learned sends a single request to learn it, so
 * it earns at most one 429. Mutable, guarded by {@link RestGovernor}'s lock.
 */
final class RouteBucket {
    /** How often a request waiting for the one in flight on its bucket looks again. */
    static final long IN_FLIGHT_POLL_MILLIS = 5;

    private int limit = -1;
    private int remaining = -1;
    private long resetAt;
    private long blockedUntil;
    private boolean inFlight;

    /** Milliseconds until a request may go on this bucket; 0 when it may go now. */
    long delay(long now) {
        if (blockedUntil > now) {
            return blockedUntil - now;
        }
        if (inFlight) {
            return IN_FLIGHT_POLL_MILLIS;
        }
        if (limit > 0 && remaining == 0 && resetAt > now) {
            return resetAt - now;
        }
        return 0;
    }

    void take() {
        inFlight = true;
        if (remaining > 0) {
            remaining--;
        }
    }

    void done() {
        inFlight = false;
    }

    /** An answer's headers, the truth about the window after this request. */
    void learn(int limit, int remaining, long resetAt) {
        this.limit = limit;
        this.remaining = remaining;
        this.resetAt = resetAt;
    }

    /** Another process learned the limit, or saw the bucket empty until {@code until}. */
    void known(int limit) {
        if (this.limit < 0) {
            this.limit = limit;
        }
    }

    /** A 429 on this bucket, or another process saw it empty: nothing goes before {@code until}. */
    void blockUntil(long until) {
        blockedUntil = Math.max(blockedUntil, until);
    }

    long blockedUntil() {
        return blockedUntil;
    }

    boolean learned() {
        return limit > 0;
    }

    int limit() {
        return limit;
    }

    /** Nothing about this bucket matters any more: prunable. */
    boolean idle(long now) {
        return !inFlight && blockedUntil <= now && resetAt <= now;
    }
}
