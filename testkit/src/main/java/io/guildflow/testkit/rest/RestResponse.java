package io.guildflow.testkit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.interaction.AckResult;
import io.guildflow.testkit.model.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Status, JSON body (null for 204) and extra headers. */
public record RestResponse(int status, String body, Map<String, String> headers) {
    public static RestResponse json(int status, JsonNode body) {
        return new RestResponse(status, Json.write(body), new LinkedHashMap<>());
    }

    public static RestResponse ok(JsonNode body) {
        return json(200, body);
    }

    public static RestResponse noContent() {
        return new RestResponse(204, null, new LinkedHashMap<>());
    }

    /** Discord's error shape: {@code {"message": ..., "code": ...}}. */
    public static RestResponse error(int status, int code, String message) {
        ObjectNode o = Json.object();
        o.put("message", message);
        o.put("code", code);
        return json(status, o);
    }

    /** 400 with a validation body (code 50035 and field errors), or null when {@code invalid} is null. */
    public static RestResponse invalid(ObjectNode invalid) {
        return invalid == null ? null : json(400, invalid);
    }

    public static RestResponse of(AckResult r) {
        if (!r.accepted()) {
            return error(r.status(), r.code(), r.message());
        }
        return r.body() == null ? noContent() : ok(r.body());
    }

    public RestResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
