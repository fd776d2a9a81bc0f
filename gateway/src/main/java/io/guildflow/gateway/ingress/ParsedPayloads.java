package io.guildflow.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataArray;

/**
 * Turns the dispatch JDA has already parsed (a {@code DataObject}'s maps, lists and boxed values) into the
 * Jackson tree the envelope carries, by walking it. Writing it back to JSON and parsing that again
 * ({@code DataObject.toJson()} then {@code readTree}) produced the same tree and was the largest share of
 * the gateway's CPU. Every value JDA's JSON parser produces has its node here; anything else (never seen
 * from a JSON frame) still takes the old way, written by JDA and read back, so the tree is always what that gave.
 */
public final class ParsedPayloads {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;

    public ParsedPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @param object a {@code DataObject#toMap()} from JDA */
    public ObjectNode tree(Map<String, ?> object) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<String, ?> field : object.entrySet()) {
            node.set(field.getKey(), value(field.getValue()));
        }
        return node;
    }

    private ArrayNode tree(List<?> array) {
        ArrayNode node = NODES.arrayNode(array.size());
        for (Object element : array) {
            node.add(value(element));
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof String text) {
            return NODES.textNode(text);
        } else if (value instanceof Integer number) {
            return NODES.numberNode(number.intValue());
        } else if (value instanceof Long number) {
            return NODES.numberNode(number.longValue());
        } else if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        } else if (value instanceof Map<?, ?> object) {
            return tree((Map<String, ?>) object);
        } else if (value instanceof List<?> array) {
            return tree(array);
        } else if (value instanceof Double number) {
            return NODES.numberNode(number.doubleValue());
        } else if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        }
        return roundTrip(value);
    }

    private JsonNode roundTrip(Object value) {
        try {
            return mapper.readTree(DataArray.empty().add(value).toJson()).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot convert a parsed " + value.getClass().getName(), e);
        }
    }
}
