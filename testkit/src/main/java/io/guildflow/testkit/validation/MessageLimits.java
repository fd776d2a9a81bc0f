package io.guildflow.testkit.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Discord's limits on a message body (message docs, "Create Message" and "Embed Limits"; components reference,
 * "Action Row", "Button", "String Select", custom_id). {@code prefix} is where the body sits in the request, e.g.
 * {@code "data."} inside an interaction callback.
 */
final class MessageLimits {
    static final int CONTENT = 2000;
    static final int EMBEDS = 10;
    static final int EMBED_TOTAL = 6000;
    static final int CUSTOM_ID = 100;
    static final int ACTION_ROWS = 5;
    static final int ROW_BUTTONS = 5;
    static final int SELECT_OPTIONS = 25;
    static final int V2_COMPONENTS = 40;
    static final int IS_COMPONENTS_V2 = 1 << 15;

    private MessageLimits() {}

    static void check(JsonNode body, String prefix, FormErrors e) {
        if (Text.longerThan(body.get("content"), CONTENT)) {
            e.tooLong(prefix + "content", CONTENT);
        }
        if (Text.longerThan(body.get("nonce"), 25)) {
            e.tooLong(prefix + "nonce", 25);
        }
        JsonNode embeds = body.get("embeds");
        if (embeds != null && embeds.isArray()) {
            if (embeds.size() > EMBEDS) {
                e.tooLong(prefix + "embeds", EMBEDS);
            }
            embeds(embeds, prefix + "embeds", e);
        }
        JsonNode components = body.get("components");
        if (components != null && components.isArray()) {
            if ((body.path("flags").asInt(0) & IS_COMPONENTS_V2) != 0) {
                if (Components.count(components) > V2_COMPONENTS) {
                    e.tooLong(prefix + "components", V2_COMPONENTS);
                }
                Components.checkTree(components, prefix + "components", e);
            } else {
                actionRows(components, prefix + "components", e);
            }
        }
    }

    /** Per-field embed limits, and 6,000 characters over all embeds of the message together. */
    private static void embeds(JsonNode embeds, String path, FormErrors e) {
        int total = 0;
        for (int i = 0; i < embeds.size(); i++) {
            JsonNode embed = embeds.get(i);
            String at = path + "." + i + ".";
            total += Text.limit(embed.get("title"), 256, at + "title", e);
            total += Text.limit(embed.get("description"), 4096, at + "description", e);
            total += Text.limit(embed.path("footer").get("text"), 2048, at + "footer.text", e);
            total += Text.limit(embed.path("author").get("name"), 256, at + "author.name", e);
            JsonNode fields = embed.get("fields");
            if (fields != null && fields.isArray()) {
                if (fields.size() > 25) {
                    e.tooLong(at + "fields", 25);
                }
                for (int f = 0; f < fields.size(); f++) {
                    total += Text.limit(fields.get(f).get("name"), 256, at + "fields." + f + ".name", e);
                    total += Text.limit(fields.get(f).get("value"), 1024, at + "fields." + f + ".value", e);
                }
            }
        }
        if (total > EMBED_TOTAL) {
            e.add(path, "BASE_TYPE_MAX_LENGTH", "Embed size exceeds maximum size of " + EMBED_TOTAL);
        }
    }

    /** Legacy layout: up to 5 action rows, each with up to 5 buttons or one select menu. */
    private static void actionRows(JsonNode rows, String path, FormErrors e) {
        if (rows.size() > ACTION_ROWS) {
            e.tooLong(path, ACTION_ROWS);
        }
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            JsonNode children = row.path("components");
            String at = path + "." + r + ".components";
            if (row.path("type").asInt() != 1) {
                e.add(path + "." + r + ".type", "COMPONENT_LAYOUT_INVALID",
                        "Top-level components must be action rows unless the IS_COMPONENTS_V2 flag is set");
            } else if (children.size() > ROW_BUTTONS) {
                e.tooLong(at, ROW_BUTTONS);
            } else if (children.size() > 1 && Components.hasSelect(children)) {
                e.tooLong(at, 1);
            }
            Components.checkTree(children, at, e);
        }
    }
}
