package io.guildflow.common.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;

/**
 * One autocomplete suggestion. The value is a JSON node because Discord's value type follows the
 * option type (string, integer or number); use the {@code of} factories.
 */
public record Choice(String name, JsonNode value) {

    public Choice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("choice name must be 1-100 characters, was " + name.length());
        }
        if (!(value.isTextual() || value.isNumber())) {
            throw new IllegalArgumentException("choice value must be a string or a number");
        }
    }

    public static Choice of(String name, String value) {
        return new Choice(name, TextNode.valueOf(value));
    }

    public static Choice of(String name, long value) {
        return new Choice(name, LongNode.valueOf(value));
    }

    public static Choice of(String name, double value) {
        return new Choice(name, DoubleNode.valueOf(value));
    }
}
