package io.guildflow.testkit.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks that hold for every component wherever it sits (components reference): custom_id, select options. */
final class Components {
    private Components() {}

    static boolean hasSelect(JsonNode children) {
        for (JsonNode c : children) {
            int type = c.path("type").asInt();
            if (type == 3 || (type >= 5 && type <= 8)) {
                return true;
            }
        }
        return false;
    }

    /** Components in the tree, nested ones included (the IS_COMPONENTS_V2 total). */
    static int count(JsonNode components) {
        int n = 0;
        for (JsonNode c : components) {
            n++;
            if (c.has("components")) {
                n += count(c.get("components"));
            }
            if (c.has("component")) {
                n += 1;
            }
            if (c.has("accessory")) {
                n += 1;
            }
        }
        return n;
    }

    static void checkTree(JsonNode components, String path, FormErrors e) {
        for (int i = 0; i < components.size(); i++) {
            check(components.get(i), path + "." + i, e);
        }
    }

    private static void check(JsonNode c, String at, FormErrors e) {
        if (MessageLimits.CUSTOM_ID < Text.length(c.get("custom_id"))) {
            e.tooLong(at + ".custom_id", MessageLimits.CUSTOM_ID);
        }
        JsonNode options = c.get("options");
        if (c.path("type").asInt() == 3 && options != null && options.size() > MessageLimits.SELECT_OPTIONS) {
            e.tooLong(at + ".options", MessageLimits.SELECT_OPTIONS);
        }
        if (c.has("components") && c.get("components").isArray()) {
            checkTree(c.get("components"), at + ".components", e);
        }
        if (c.has("component")) {
            check(c.get("component"), at + ".component", e);
        }
        if (c.has("accessory")) {
            check(c.get("accessory"), at + ".accessory", e);
        }
    }
}
