package io.guildflow.testkit.rest;

import io.guildflow.testkit.model.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discord-style rate limits: a global limit per bot token for bot routes, counted in any sliding second across every
 * connection (rate-limits.mdx "Global Rate Limit": "50 requests per second" per bot, interaction endpoints exempt),
 * and per-route buckets keyed by the token, the route and its major parameter, one state however many
 * connections or processes send on it. Answers carry Discord's X-RateLimit-* headers; refusals are 429 with
 * Retry-After.
 */
public final class RateLimiter {
    private static final class Window {
        long resetAt;
        int used;
    }

    private final Clock clock;
    private final int globalPerSecond;
    private final boolean routeBuckets;
    /** Per token: when each request of the last second was let through. */
    private final Map<String, java.util.ArrayDeque<Long>> global = new ConcurrentHashMap<>();
    private final Map<String, Window> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock, int globalPerSecond, boolean routeBuckets) {
        this.clock = clock;
        this.globalPerSecond = globalPerSecond;
        this.routeBuckets = routeBuckets;
    }

    /** Returns a 429 response if the global limit of {@code token} refuses the request, else null. */
    public RestResponse checkGlobal(String token) {
        if (globalPerSecond <= 0) {
            return null;
        }
        long now = clock.millis();
        long resetAt;
        java.util.ArrayDeque<Long> sent = global.computeIfAbsent(String.valueOf(token), t -> new java.util.ArrayDeque<>());
        synchronized (sent) {
            while (!sent.isEmpty() && sent.peekFirst() <= now - 1000) {
                sent.pollFirst();
            }
            if (sent.size() < globalPerSecond) {
                sent.addLast(now);
                return null;
            }
            resetAt = sent.peekFirst() + 1000;
        }
        double after = Math.max(0.001, (resetAt - now) / 1000.0);
        return limited(after, true)
                .header("X-RateLimit-Global", "true")
                .header("X-RateLimit-Scope", "global");
    }

    /**
     * Counts the request against its route bucket. Returns a 429 when exhausted, otherwise null and puts the
     * X-RateLimit headers into {@code headersOut}.
     */
    public RestResponse checkRoute(String token, Route route, Map<String, String> params,
                                   Map<String, String> headersOut) {
        if (!routeBuckets || route.bucketLimit() <= 0) {
            return null;
        }
        long now = clock.millis();
        Window w = buckets.computeIfAbsent(token + " " + route.bucketKey(params), k -> new Window());
        int remaining;
        long resetAt;
        boolean refused;
        synchronized (w) {
            if (now >= w.resetAt) {
                w.resetAt = now + route.bucketWindowMillis();
                w.used = 0;
            }
            refused = w.used >= route.bucketLimit();
            if (!refused) {
                w.used++;
            }
            remaining = route.bucketLimit() - w.used;
            resetAt = w.resetAt;
        }
        double after = Math.max(0.001, (resetAt - now) / 1000.0);
        headersOut.put("X-RateLimit-Limit", Integer.toString(route.bucketLimit()));
        headersOut.put("X-RateLimit-Remaining", Integer.toString(remaining));
        headersOut.put("X-RateLimit-Reset", seconds(resetAt / 1000.0));
        headersOut.put("X-RateLimit-Reset-After", seconds(after));
        headersOut.put("X-RateLimit-Bucket", route.bucketHash());
        if (!refused) {
            return null;
        }
        RestResponse r = limited(after, false).header("X-RateLimit-Scope", "user");
        r.headers().putAll(headersOut);
        return r;
    }

    private static RestResponse limited(double retryAfter, boolean global) {
        ObjectNode body = Json.object();
        body.put("message", "You are being rate limited.");
        body.put("retry_after", Math.round(retryAfter * 1000) / 1000.0);
        body.put("global", global);
        return RestResponse.json(429, body)
                .header("Retry-After", Long.toString((long) Math.ceil(retryAfter)))
                .header("X-RateLimit-Reset-After", seconds(retryAfter));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
