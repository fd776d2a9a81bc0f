package io.guildflow.app.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the commands Discord holds are the ones the bot would register. Discord answers with
 * more fields than a registration sends (ids, version, defaults such as {@code nsfw: false}) and
 * leaves out defaults ({@code required: false}), so both sides are reduced to the fields a bot
 * declares, with Discord's defaults filled in, before they are compared.
 */
final class CommandComparison {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CommandComparison() {
    }

    static boolean same(JsonNode registered, JsonNode wanted) {
        return byKey(registered).equals(byKey(wanted));
    }

    private static Map<String, JsonNode> byKey(JsonNode commands) {
        Map<String, JsonNode> byKey = new TreeMap<>();
        for (JsonNode command : commands) {
            ObjectNode canonical = NODES.objectNode()
                    .put("name", command.path("name").asText())
                    .put("type", command.path("type").asInt(1))
                    .put("description", command.path("description").asText(""));
            JsonNode permissions = command.path("default_member_permissions");
            canonical.put("default_member_permissions", permissions.isNull() || permissions.isMissingNode()
                    ? null : permissions.asText());
            canonical.set("options", options(command.path("options")));
            byKey.put(canonical.path("type").asInt() + ":" + canonical.path("name").asText(), canonical);
        }
        return byKey;
    }

    private static ArrayNode options(JsonNode options) {
        ArrayNode canonical = NODES.arrayNode();
        for (JsonNode option : options) {
            ObjectNode o = canonical.addObject()
                    .put("type", option.path("type").asInt())
                    .put("name", option.path("name").asText())
                    .put("description", option.path("description").asText(""))
                    .put("required", option.path("required").asBoolean(false))
                    .put("autocomplete", option.path("autocomplete").asBoolean(false));
            o.set("choices", option.path("choices").isArray() ? option.get("choices") : NODES.arrayNode());
            o.set("options", options(option.path("options")));
        }
        return canonical;
    }
}
