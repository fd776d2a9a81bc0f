package io.guildflow.common.discord.governor;

import java.util.ArrayDeque;

/**
 * This process's share of the bot's global limit, as a sliding one-second window: a request may
 * go when fewer than {@code share} were sent in the last second. A token bucket would allow twice
 * the rate across a window boundary; Discord (and the emulator) count any second. With every
 * process keeping to {@code limit / N}, the cluster keeps to {@code limit} in any second.
 * Not thread-safe: {@link RestGovernor} holds its lock.
 */
final class GlobalLimiter {
    static final long WINDOW_MILLIS = 1000;

    private final ArrayDeque<Long> sent = new ArrayDeque<>();
    private int share;
    private long blockedUntil;

    GlobalLimiter(int share) {
        this.share = Math.max(1, share);
    }

    void share(int requestsPerSecond) {
        this.share = Math.max(1, requestsPerSecond);
    }

    int share() {
        return share;
    }

    /** A global 429: nothing globally limited goes before {@code until} (epoch millis). */
    void blockUntil(long until) {
        blockedUntil = Math.max(blockedUntil, until);
    }

    long blockedUntil() {
        return blockedUntil;
    }

    /** Milliseconds until a request may go; 0 when it may go now (then call {@link #take}). */
    long delay(long now) {
        if (blockedUntil > now) {
            return blockedUntil - now;
        }
        while (!sent.isEmpty() && sent.peekFirst() <= now - WINDOW_MILLIS) {
            sent.pollFirst();
        }
        if (sent.size() < share) {
            return 0;
        }
        // the share may have shrunk below what is in the window: wait until enough have aged out
        long oldestThatMustAge = sent.stream().skip(sent.size() - share).findFirst().orElse(now);
        return Math.max(1, oldestThatMustAge + WINDOW_MILLIS - now);
    }

    void take(long now) {
        sent.addLast(now);
    }

    /** Requests counted in the last second. */
    int used(long now) {
        delay(now);
        return sent.size();
    }
}
