package io.guildflow.common.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;

/** Reads Discord's answers: success bodies, error bodies (code and message) and rate-limit waits. */
final class ErrorMapping {
    private static final int MAX_ERROR_DETAIL = 300;

    private final ObjectMapper json = new ObjectMapper();

    JsonNode parseSuccess(Route route, int status, String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new DiscordApiException(route.method(), route.template(), status, 0, "non-JSON success body", null, false);
        }
    }

    DiscordApiException apiError(Route route, int status, String body, Duration retryAfter, boolean afterRetry) {
        int code = 0;
        String message = "";
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                code = node.path("code").asInt(0);
                message = node.path("message").asText("");
                if (node.has("errors")) {
                    message += " " + node.get("errors"); // field-level details, useful for setup
                }
            }
        } catch (IOException e) {
            message = "non-JSON error body";
        }
        message = route.scrub(message);
        if (message.length() > MAX_ERROR_DETAIL) {
            message = message.substring(0, MAX_ERROR_DETAIL) + "...";
        }
        return new DiscordApiException(route.method(), route.template(), status, code, message, retryAfter, afterRetry);
    }

    /** The body's {@code retry_after} (millisecond precision), else the headers (whole seconds), else 1 s. */
    long retryAfterNanos(Response response, String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.path("retry_after").isNumber()) {
                return secondsToNanos(node.get("retry_after").asDouble());
            }
        } catch (IOException ignored) {
            // not JSON (e.g. a Cloudflare page); fall back to headers
        }
        for (String header : new String[] {"Retry-After", "X-RateLimit-Reset-After"}) {
            String value = response.header(header);
            if (value != null) {
                try {
                    return secondsToNanos(Double.parseDouble(value.trim()));
                } catch (NumberFormatException ignored) {
                    // try the next source
                }
            }
        }
        return TimeUnit.SECONDS.toNanos(1);
    }

    static long secondsToNanos(double seconds) {
        return seconds <= 0 ? 0 : (long) Math.ceil(seconds * 1_000_000_000d);
    }
}
