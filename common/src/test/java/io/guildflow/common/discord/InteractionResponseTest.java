package io.guildflow.common.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionResponseTest {

    @Test
    void messageTypes() {
        assertEquals("{\"type\":1}", InteractionResponse.pong().toJson().toString());
        assertEquals("{\"type\":4,\"data\":{\"content\":\"hi\"}}", InteractionResponse.message("hi").toJson().toString());
        assertEquals("{\"type\":4,\"data\":{\"content\":\"psst\",\"flags\":64}}",
                InteractionResponse.ephemeralMessage("psst").toJson().toString());
        assertEquals("{\"type\":5,\"data\":{\"flags\":64}}", InteractionResponse.deferredMessage(true).toJson().toString());
        assertEquals("{\"type\":5}", InteractionResponse.deferredMessage(false).toJson().toString());
        assertEquals("{\"type\":6}", InteractionResponse.deferredUpdate().toJson().toString());
        assertEquals("{\"type\":7,\"data\":{\"content\":\"new\"}}", InteractionResponse.updateMessage("new").toJson().toString());
    }

    @Test
    void autocompleteChoicesKeepValueTypes() {
        String json = InteractionResponse.autocomplete(List.of(Choice.of("Red", "red"), Choice.of("Ten", 10)))
                .toJson().toString();
        assertEquals("{\"type\":8,\"data\":{\"choices\":[{\"name\":\"Red\",\"value\":\"red\"},{\"name\":\"Ten\",\"value\":10}]}}", json);
        assertThrows(IllegalArgumentException.class,
                () -> InteractionResponse.autocomplete(Collections.nCopies(26, Choice.of("a", "b"))));
        assertThrows(IllegalArgumentException.class, () -> Choice.of("", "b"));
    }

    @Test
    void modal() {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        rows.addObject().put("type", 1).putArray("components").addObject()
                .put("type", 4).put("custom_id", "reason").put("label", "Reason").put("style", 2);
        ObjectNode json = InteractionResponse.modal("report:1", "Report", rows).toJson();
        assertEquals(9, json.get("type").asInt());
        assertEquals("report:1", json.at("/data/custom_id").asText());
        assertEquals("Report", json.at("/data/title").asText());
        assertEquals("reason", json.at("/data/components/0/components/0/custom_id").asText());
    }

    @Test
    void immutableDespiteMutableNodes() {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("content", "a");
        InteractionResponse r = new InteractionResponse(InteractionResponse.CHANNEL_MESSAGE_WITH_SOURCE, data);
        data.put("content", "changed");
        r.data().put("content", "changed too");
        assertEquals("a", r.toJson().at("/data/content").asText());
        assertTrue(r.equals(InteractionResponse.message("a")));
        assertFalse(r.equals(InteractionResponse.message("b")));
    }
}
