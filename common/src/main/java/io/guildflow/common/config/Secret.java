package io.guildflow.common.config;

import java.util.Objects;

/** A value that must never reach a log line, an error message or a metric: its toString hides it. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
