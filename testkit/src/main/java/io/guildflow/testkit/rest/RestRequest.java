package io.guildflow.testkit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.model.Json;
import java.util.List;
import java.util.Map;

/** A parsed REST request: path below the API base, route parameters, JSON body, uploaded files (multipart). */
public record RestRequest(
        String method,
        String path,
        String query,
        Map<String, String> params,
        String body,
        List<Multipart.FilePart> files,
        List<Runnable> afterRecording) {

    /** Runs {@code action} once this call has been recorded (before the response is written). */
    public void afterRecording(Runnable action) {
        afterRecording.add(action);
    }

    public String param(String name) {
        return params.get(name);
    }

    public long longParam(String name) {
        return Long.parseUnsignedLong(params.get(name));
    }

    /** The JSON body; throws IllegalArgumentException (answered as 400/50109) if it is not JSON. */
    public JsonNode json() {
        return Json.parse(body);
    }

    public boolean queryFlag(String name) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals(name + "=true") || pair.equals(name + "=True") || pair.equals(name + "=1")) {
                return true;
            }
        }
        return false;
    }

    public int queryInt(String name, int fallback) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    try {
                        return Integer.parseInt(pair.substring(name.length() + 1));
                    } catch (NumberFormatException e) {
                        return fallback;
                    }
                }
            }
        }
        return fallback;
    }
}
