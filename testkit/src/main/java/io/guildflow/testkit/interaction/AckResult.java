package io.guildflow.testkit.interaction;

import com.fasterxml.jackson.databind.JsonNode;

/** Outcome of a callback or webhook call against an interaction: accepted, or Discord's error. */
public record AckResult(int status, int code, String message, JsonNode body) {
    public static AckResult ok(JsonNode body) {
        return new AckResult(200, 0, null, body);
    }

    public static AckResult error(int status, int code, String message) {
        return new AckResult(status, code, message, null);
    }

    public boolean accepted() {
        return status < 300;
    }
}
