package io.guildflow.testkit.rest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Rate limits docs, "Invalid Request Limit aka Cloudflare bans": 10,000 answers of 401, 403 or 429 within 10 minutes
 * and the client is locked out of the whole API. The ban is answered by Cloudflare, not Discord: 429, an HTML page,
 * {@code Retry-After} in seconds, no {@code Via} header (which is how JDA tells it apart). It lasts 10 minutes here
 * (Discord does not document its length). Counted on the emulator clock.
 */
final class InvalidRequestLimit {
    private static final long WINDOW_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final String PAGE = "<!DOCTYPE html><html><head><title>Access denied | discord.com used Cloudflare"
            + " to restrict access</title></head><body><h1>Error 1015</h1><p>You are being rate limited</p>"
            + "</body></html>";

    private final Clock clock;
    private final int limit;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private volatile long bannedUntil;

    InvalidRequestLimit(Clock clock, int limit) {
        this.clock = clock;
        this.limit = limit;
    }

    /** The ban answer while banned, else null. */
    RestResponse refusal() {
        long until = bannedUntil;
        if (until == 0) {
            return null;
        }
        long left = until - clock.millis();
        if (left <= 0) {
            return null;
        }
        return new RestResponse(429, PAGE, new java.util.LinkedHashMap<>())
                .header("Content-Type", "text/html")
                .header("Retry-After", Long.toString((left + 999) / 1000));
    }

    /** Counts a Discord answer; the one that reaches the limit starts the ban. */
    void count(int status) {
        if (status != 401 && status != 403 && status != 429) {
            return;
        }
        long now = clock.millis();
        synchronized (recent) {
            while (!recent.isEmpty() && now - recent.peekFirst() >= WINDOW_MILLIS) {
                recent.removeFirst();
            }
            recent.addLast(now);
            if (recent.size() >= limit) {
                bannedUntil = now + WINDOW_MILLIS;
                recent.clear();
            }
        }
    }
}
