package io.guildflow.common.discord.governor;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What Discord said about a bucket in one answer ({@code X-RateLimit-*}). Malformed values read as
 * absent: better to learn nothing than to block a route on a bad header.
 *
 * @param bucket     Discord's bucket hash, shared by routes that share a limit; null when absent
 * @param limit      requests per window, -1 when absent
 * @param remaining  requests left in the window, -1 when absent
 * @param resetAfterMillis time until the window resets, -1 when absent
 * @param global     a 429 on the global bucket ({@code X-RateLimit-Global} or scope {@code global})
 * @param scope      {@code user}, {@code global} or {@code shared} on a 429; null otherwise
 */
record RateLimitHeaders(String bucket, int limit, int remaining, long resetAfterMillis, boolean global, String scope) {

    static RateLimitHeaders read(UnaryOperator<String> header) {
        String scope = Optional.ofNullable(header.apply("X-RateLimit-Scope"))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse(null);
        boolean global = "true".equalsIgnoreCase(trim(header.apply("X-RateLimit-Global"))) || "global".equals(scope);
        return new RateLimitHeaders(trim(header.apply("X-RateLimit-Bucket")), integer(header.apply("X-RateLimit-Limit")),
                integer(header.apply("X-RateLimit-Remaining")), millis(header.apply("X-RateLimit-Reset-After")),
                global, scope);
    }

    /** Discord does not count a 429 of scope {@code shared} toward the invalid-request ban. */
    boolean sharedScope() {
        return "shared".equals(scope);
    }

    boolean known() {
        return limit > 0 && remaining >= 0 && resetAfterMillis >= 0;
    }

    static long secondsToMillis(double seconds) {
        return seconds <= 0 ? 0 : (long) Math.ceil(seconds * 1000d);
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int integer(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long millis(String seconds) {
        try {
            return seconds == null ? -1 : secondsToMillis(Double.parseDouble(seconds.trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
