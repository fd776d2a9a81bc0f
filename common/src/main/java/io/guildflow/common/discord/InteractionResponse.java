package io.guildflow.common.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /interactions/{id}/{token}/callback}: a callback type plus optional data.
 * Constant names follow Discord's "Interaction Callback Type" table. {@code data} is copied in and
 * out so the record stays immutable although Jackson nodes are not.
 */
public record InteractionResponse(int type, ObjectNode data) {

    public static final int PONG = 1;
    public static final int CHANNEL_MESSAGE_WITH_SOURCE = 4;
    public static final int DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5;
    public static final int DEFERRED_UPDATE_MESSAGE = 6;
    public static final int UPDATE_MESSAGE = 7;
    public static final int APPLICATION_COMMAND_AUTOCOMPLETE_RESULT = 8;
    public static final int MODAL = 9;

    /** Message flag: only the invoking user sees the message. */
    public static final int FLAG_EPHEMERAL = 1 << 6;
    /** Discord accepts at most 25 autocomplete choices. */
    public static final int MAX_CHOICES = 25;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public InteractionResponse {
        if (type < PONG) {
            throw new IllegalArgumentException("invalid interaction callback type " + type);
        }
        data = data == null ? null : data.deepCopy();
    }

    @Override
    public ObjectNode data() {
        return data == null ? null : data.deepCopy();
    }

    public static InteractionResponse pong() {
        return new InteractionResponse(PONG, null);
    }

    public static InteractionResponse message(String content) {
        return new InteractionResponse(CHANNEL_MESSAGE_WITH_SOURCE, content(content));
    }

    public static InteractionResponse ephemeralMessage(String content) {
        return new InteractionResponse(CHANNEL_MESSAGE_WITH_SOURCE, content(content).put("flags", FLAG_EPHEMERAL));
    }

    /** "Thinking..." now, real answer later via {@link DiscordRestClient#editOriginal}. */
    public static InteractionResponse deferredMessage(boolean ephemeral) {
        return new InteractionResponse(DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
                ephemeral ? NODES.objectNode().put("flags", FLAG_EPHEMERAL) : null);
    }

    /** For component interactions: acknowledge now, edit the message later. */
    public static InteractionResponse deferredUpdate() {
        return new InteractionResponse(DEFERRED_UPDATE_MESSAGE, null);
    }

    public static InteractionResponse updateMessage(String content) {
        return new InteractionResponse(UPDATE_MESSAGE, content(content));
    }

    public static InteractionResponse autocomplete(List<Choice> choices) {
        if (choices.size() > MAX_CHOICES) {
            throw new IllegalArgumentException("at most " + MAX_CHOICES + " autocomplete choices, got " + choices.size());
        }
        ObjectNode data = NODES.objectNode();
        ArrayNode array = data.putArray("choices");
        for (Choice c : choices) {
            array.addObject().put("name", c.name()).set("value", c.value());
        }
        return new InteractionResponse(APPLICATION_COMMAND_AUTOCOMPLETE_RESULT, data);
    }

    /** @param components action rows holding the text inputs, as Discord expects them */
    public static InteractionResponse modal(String customId, String title, ArrayNode components) {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(components, "components");
        ObjectNode data = NODES.objectNode().put("custom_id", customId).put("title", title);
        data.set("components", components.deepCopy());
        return new InteractionResponse(MODAL, data);
    }

    /** The callback body: {@code {"type":..,"data":{..}}}. */
    public ObjectNode toJson() {
        ObjectNode json = NODES.objectNode().put("type", type);
        if (data != null) {
            json.set("data", data.deepCopy());
        }
        return json;
    }

    private static ObjectNode content(String content) {
        Objects.requireNonNull(content, "content");
        return NODES.objectNode().put("content", content);
    }
}
