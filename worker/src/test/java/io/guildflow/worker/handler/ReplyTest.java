package io.guildflow.worker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyTest {

    @Test
    void messageBecomesCallbackType4WithoutMentions() {
        ObjectNode json = Reply.message("hi @everyone").toCallbackJson();
        assertEquals(4, json.path("type").asInt());
        assertEquals("hi @everyone", json.path("data").path("content").asText());
        assertFalse(json.path("data").has("flags"));
        assertEquals(0, json.path("data").path("allowed_mentions").path("parse").size());
    }

    @Test
    void ephemeralSetsFlag64() {
        assertEquals(64, Reply.ephemeral("only you").toCallbackJson().path("data").path("flags").asInt());
    }

    @Test
    void autocompleteChoicesBecomeCallbackType8() {
        ObjectNode json = Reply.choices(List.of(new Reply.Choice("Red", "red"))).toCallbackJson();
        assertEquals(8, json.path("type").asInt());
        assertEquals("red", json.path("data").path("choices").get(0).path("value").asText());
        assertEquals(0, Reply.choices(List.of()).toCallbackJson().path("data").path("choices").size());
    }

    @Test
    void contentDiscordWouldRejectFailsInTheHandler() {
        assertThrows(IllegalArgumentException.class, () -> Reply.message(""));
        assertThrows(IllegalArgumentException.class, () -> Reply.message("x".repeat(2001)));
    }
}
