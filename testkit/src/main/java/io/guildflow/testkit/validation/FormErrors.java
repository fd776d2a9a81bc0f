package io.guildflow.testkit.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.Json;

/**
 * Collects field errors into Discord's v8+ error body (reference docs, "Error Messages"):
 * {@code {"code":50035,"errors":{"data":{"content":{"_errors":[{"code":..,"message":..}]}}},"message":"Invalid Form Body"}}.
 * Paths are dot-separated keys; array indexes are keys too ({@code components.0.custom_id}).
 */
public final class FormErrors {
    private ObjectNode errors;

    /** Adds an error at {@code path} (empty path: the body itself). */
    public void add(String path, String code, String message) {
        if (errors == null) {
            errors = Json.object();
        }
        ObjectNode at = errors;
        if (!path.isEmpty()) {
            for (String key : path.split("\\.")) {
                at = at.withObjectProperty(key);
            }
        }
        at.withArrayProperty("_errors").addObject().put("code", code).put("message", message);
    }

    void required(String path) {
        add(path, "BASE_TYPE_REQUIRED", "This field is required");
    }

    void tooLong(String path, int max) {
        add(path, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
    }

    void tooShort(String path, int min) {
        add(path, "BASE_TYPE_MIN_LENGTH", "Must be " + min + " or more in length.");
    }

    public boolean isEmpty() {
        return errors == null;
    }

    /** The 400 body, or null when nothing was wrong. */
    public ObjectNode body() {
        if (errors == null) {
            return null;
        }
        ObjectNode body = Json.object();
        body.put("code", 50035);
        body.set("errors", errors);
        body.put("message", "Invalid Form Body");
        return body;
    }
}
