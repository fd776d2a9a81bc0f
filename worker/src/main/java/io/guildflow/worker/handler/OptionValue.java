package io.guildflow.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;

/** One option the user filled in, as Discord sent it in {@code data.options}. */
public record OptionValue(String name, OptionType type, JsonNode value) {

    public String asString() {
        return value.asText();
    }

    /** INTEGER options, and USER/CHANNEL/ROLE snowflakes sent as strings. */
    public long asLong() {
        if (value.isNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("option '" + name + "' is not a whole number: " + value, e);
        }
    }

    public double asDouble() {
        return value.asDouble();
    }

    public boolean asBoolean() {
        if (!value.isBoolean()) {
            throw new IllegalStateException("option '" + name + "' is not a boolean: " + value);
        }
        return value.booleanValue();
    }
}
