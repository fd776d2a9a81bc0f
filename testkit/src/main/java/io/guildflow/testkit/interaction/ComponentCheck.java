package io.guildflow.testkit.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Discord's client lets a user click: only a component the message shows (by {@code custom_id}, in an action
 * row, a section's accessory, a container or a label), a button as a button, and for a string select between
 * {@code min_values} and {@code max_values} of its own options, each once. The client never sends anything else,
 * so the emulator refuses it before dispatch with an IllegalArgumentException of one line (400 on the
 * {@code /_emulator} routes), as {@link OptionCheck} refuses a slash command. Documentation:
 * {@code components/reference.mdx} "Button", "String Select".
 */
final class ComponentCheck {
    private static final int BUTTON = 2;
    private static final int STRING_SELECT = 3;

    private ComponentCheck() {}

    /** A click ({@code componentType} 2) or a choice ({@code 3}, with {@code values}) on {@code message}. */
    static void click(JsonNode message, int componentType, String customId, List<String> values) {
        String where = "message " + message.path("id").asText();
        JsonNode component = find(message.path("components"), customId);
        if (component == null) {
            throw new IllegalArgumentException(where + " carries no component with custom_id '" + customId
                    + "' (Discord's client only sends a click on a component the message shows)");
        }
        int type = component.path("type").asInt();
        if (type != componentType) {
            throw new IllegalArgumentException(where + ": custom_id '" + customId + "' is a component of type " + type
                    + ", not a " + (componentType == BUTTON ? "button" : "string select"));
        }
        if (componentType == STRING_SELECT) {
            choice(component, where + ": select '" + customId + "'", values);
        }
    }

    private static void choice(JsonNode select, String where, List<String> values) {
        // Discord's defaults when the bot states none (components/reference.mdx, "String Select")
        int min = select.path("min_values").asInt(1);
        int max = select.path("max_values").asInt(1);
        if (values.size() < min || values.size() > max) {
            throw new IllegalArgumentException(where + " takes " + (min == max ? min : min + " to " + max)
                    + " value(s), not " + values.size());
        }
        List<String> options = new ArrayList<>();
        select.path("options").forEach(option -> options.add(option.path("value").asText()));
        Set<String> picked = new HashSet<>();
        for (String value : values) {
            if (!options.contains(value)) {
                throw new IllegalArgumentException(where + " has no option '" + value + "' (options: "
                        + String.join(", ", options) + ")");
            }
            if (!picked.add(value)) {
                throw new IllegalArgumentException(where + ": option '" + value + "' picked twice");
            }
        }
    }

    /** The component with {@code customId} at any depth of a message's layout, or null. */
    private static JsonNode find(Iterable<JsonNode> components, String customId) {
        for (JsonNode component : components) {
            if (customId.equals(component.path("custom_id").asText(null))) {
                return component;
            }
            for (String child : List.of("components", "accessory", "component")) {
                JsonNode nested = component.path(child);
                JsonNode found = find(nested.isObject() ? List.of(nested) : nested, customId);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
