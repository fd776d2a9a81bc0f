package io.guildflow.worker.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.guildflow.api.event.JsonView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** {@link JsonView} over a Jackson tree: every accessor reads on demand and answers empty for a wrong shape. */
record NodeView(JsonNode node) implements JsonView {
    private static final Pattern SNOWFLAKE = Pattern.compile("[0-9]{1,20}");
    static final NodeView EMPTY = new NodeView(MissingNode.getInstance());

    @Override
    public Optional<String> string(String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    @Override
    public Optional<String> snowflake(String field) {
        return snowflakeOf(node.path(field));
    }

    @Override
    public Optional<Boolean> bool(String field) {
        JsonNode value = node.path(field);
        return value.isBoolean() ? Optional.of(value.booleanValue()) : Optional.empty();
    }

    @Override
    public OptionalLong number(String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.canConvertToLong() ? OptionalLong.of(value.longValue())
                : OptionalLong.empty();
    }

    @Override
    public JsonView object(String field) {
        JsonNode value = node.path(field);
        return value.isObject() ? new NodeView(value) : EMPTY;
    }

    @Override
    public List<JsonView> objects(String field) {
        List<JsonView> views = new ArrayList<>();
        node.path(field).forEach(element -> {
            if (element.isObject()) {
                views.add(new NodeView(element));
            }
        });
        return views;
    }

    @Override
    public List<String> strings(String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(element -> {
            if (element.isTextual()) {
                values.add(element.asText());
            } else {
                snowflakeOf(element).ifPresent(values::add);
            }
        });
        return values;
    }

    @Override
    public boolean has(String field) {
        return node.isObject() && node.has(field);
    }

    @Override
    public String json() {
        return node.isObject() ? node.toString() : "{}";
    }

    private static Optional<String> snowflakeOf(JsonNode value) {
        String text = value.isTextual() || value.isIntegralNumber() ? value.asText() : null;
        return text != null && SNOWFLAKE.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }
}
