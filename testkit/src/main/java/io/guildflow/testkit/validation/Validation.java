package io.guildflow.testkit.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every payload rule of the emulated REST API in one place. Each method returns Discord's 400 body (code 50035 with
 * field errors) or null when the payload is acceptable.
 */
public final class Validation {
    static final int MODAL_TITLE = 45;
    static final int MODAL_COMPONENTS = 5;

    private Validation() {}

    /** A message body: create, edit, follow-up, webhook edit. */
    public static ObjectNode message(JsonNode body) {
        FormErrors e = new FormErrors();
        MessageLimits.check(body, "", e);
        return e.body();
    }

    /** An interaction callback body ({@code type} and {@code data}). */
    public static ObjectNode callback(int type, JsonNode data) {
        FormErrors e = new FormErrors();
        if (data == null || !data.isObject()) {
            if (type == 9) {
                e.required("data");
            }
            return e.body();
        }
        switch (type) {
            case 4, 7 -> MessageLimits.check(data, "data.", e);
            case 8 -> {
                JsonNode choices = data.get("choices");
                if (choices != null && choices.isArray() && choices.size() > CommandLimits.CHOICES) {
                    e.tooLong("data.choices", CommandLimits.CHOICES);
                }
            }
            case 9 -> modal(data, e);
            default -> {}
        }
        return e.body();
    }

    /** Receiving and responding docs, "Modal": title up to 45, custom_id up to 100, 1 to 5 components. */
    private static void modal(JsonNode data, FormErrors e) {
        JsonNode title = data.get("title");
        if (title == null || title.isNull()) {
            e.required("data.title");
        } else if (Text.longerThan(title, MODAL_TITLE)) {
            e.tooLong("data.title", MODAL_TITLE);
        }
        JsonNode customId = data.get("custom_id");
        if (customId == null || customId.isNull()) {
            e.required("data.custom_id");
        } else if (Text.longerThan(customId, MessageLimits.CUSTOM_ID)) {
            e.tooLong("data.custom_id", MessageLimits.CUSTOM_ID);
        }
        JsonNode components = data.get("components");
        if (components == null || !components.isArray()) {
            e.required("data.components");
        } else {
            if (components.isEmpty()) {
                e.tooShort("data.components", 1);
            } else if (components.size() > MODAL_COMPONENTS) {
                e.tooLong("data.components", MODAL_COMPONENTS);
            }
            Components.checkTree(components, "data.components", e);
        }
    }

    /** One application command (POST, or PATCH merged onto the stored command). */
    public static ObjectNode command(JsonNode command) {
        FormErrors e = new FormErrors();
        CommandLimits.command(command, "", e);
        return e.body();
    }

    /** A bulk overwrite: each command is checked at its index. */
    public static ObjectNode commands(JsonNode commands) {
        FormErrors e = new FormErrors();
        for (int i = 0; i < commands.size(); i++) {
            CommandLimits.command(commands.get(i), i + ".", e);
        }
        return e.body();
    }
}
