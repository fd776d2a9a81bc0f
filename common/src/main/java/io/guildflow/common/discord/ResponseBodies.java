package io.guildflow.common.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A response as Discord's documents, in the order they are sent: the interaction callback, then
 * the edit of {@code @original} (after a deferral), then the follow-ups. This is what the ledger
 * stores and what every (re)delivery sends, so an interaction never gets two different answers.
 *
 * @param original body of {@code PATCH webhooks/{app}/{token}/messages/@original}, or null
 */
public record ResponseBodies(ObjectNode callback, ObjectNode original, List<ObjectNode> followUps) {

    public ResponseBodies {
        if (callback == null || !callback.path("type").isInt()) {
            throw new IllegalArgumentException("a response needs a callback with a type");
        }
        followUps = List.copyOf(followUps);
    }

    public int callbackType() {
        return callback.path("type").asInt();
    }

    /** The callback's message, for callbacks that carry one (types 4 and 7), else null. */
    public ObjectNode callbackMessage() {
        int type = callbackType();
        boolean carriesMessage = type == ResponseEncoder.CHANNEL_MESSAGE_WITH_SOURCE
                || type == ResponseEncoder.UPDATE_MESSAGE;
        return carriesMessage && callback.get("data") instanceof ObjectNode data ? data : null;
    }

    /** The stored form: {@code {"callback":…, "original":…, "follow_ups":[…]}}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("callback", callback.deepCopy());
        if (original != null) {
            json.set("original", original.deepCopy());
        }
        ArrayNode array = json.putArray("follow_ups");
        followUps.forEach(f -> array.add(f.deepCopy()));
        return json;
    }

    public static ResponseBodies fromJson(JsonNode json) {
        if (!(json.get("callback") instanceof ObjectNode callback)) {
            throw new IllegalArgumentException("stored response has no callback");
        }
        List<ObjectNode> followUps = new ArrayList<>();
        for (JsonNode followUp : json.path("follow_ups")) {
            followUps.add((ObjectNode) followUp);
        }
        return new ResponseBodies(callback, json.get("original") instanceof ObjectNode o ? o : null, followUps);
    }
}
