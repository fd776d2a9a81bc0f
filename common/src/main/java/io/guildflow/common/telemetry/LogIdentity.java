package io.guildflow.common.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Objects;

/** What every log line says about its process: Loki labels and JSON fields {@code app}, {@code mode}, {@code environment}. */
public record LogIdentity(String app, String mode, String environment) {
    public LogIdentity {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(environment, "environment");
    }

    Map<String, String> labels() {
        return Map.of("app", app, "mode", mode, "environment", environment);
    }

    /** The labels as one JSON object, for the stdout encoder's custom fields. */
    String asJson() {
        try {
            return new ObjectMapper().writeValueAsString(labels());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("three strings always serialize", e);
        }
    }

    /** Loki4j's label definition: one {@code key=value} a line. */
    String asLokiLabels() {
        StringBuilder lines = new StringBuilder();
        labels().forEach((key, value) -> lines.append(key).append('=').append(value).append(System.lineSeparator()));
        return lines.toString();
    }
}
