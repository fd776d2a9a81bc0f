package io.guildflow.worker.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.ActionRow;
import io.guildflow.api.Button;
import io.guildflow.api.CustomId;
import io.guildflow.api.Message;
import io.guildflow.api.Response;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.discord.ResponseEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as "Discord already shows this answer" when a redelivery reads before it writes. */
class ShownAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode answer = ResponseEncoder.encode(Response.reply(Message.text("pong")
            .withComponents(ActionRow.of(Button.success(CustomId.of("ping", "again"), "Again"))))).callbackMessage();

    @Test
    void aMessageWithWhatDiscordAddsAndLeavesOutStillShowsTheAnswer() throws Exception {
        JsonNode shown = JSON.readTree("""
                {"id":"1","type":20,"content":"pong","flags":0,"embeds":[],"mentions":[],
                 "components":[{"type":1,"id":1,"components":[
                   {"type":2,"id":2,"style":3,"label":"Again","custom_id":"ping:again"}]}]}""");

        assertTrue(ShownAnswer.shows(shown, answer), shown + " vs " + answer);
    }

    @Test
    void anotherContentOrComponentIsNotTheAnswer() throws Exception {
        assertFalse(ShownAnswer.shows(JSON.readTree("""
                {"content":"pong!","components":[{"type":1,"components":[
                   {"type":2,"style":3,"label":"Again","custom_id":"ping:again"}]}]}"""), answer));
        assertFalse(ShownAnswer.shows(JSON.readTree("""
                {"content":"pong","components":[]}"""), answer));
        assertFalse(ShownAnswer.shows(JSON.readTree("""
                {"content":"pong","components":[{"type":1,"components":[
                   {"type":2,"style":4,"label":"Again","custom_id":"ping:again"}]}]}"""), answer));
    }

    @Test
    void aDeferralsThinkingIsNeverTheAnswer() throws Exception {
        ObjectNode empty = JSON.createObjectNode().put("content", "");

        assertFalse(ShownAnswer.shows(JSON.readTree("{\"content\":\"\",\"flags\":128}"), empty));
        assertTrue(ShownAnswer.shows(JSON.readTree("{\"content\":\"\",\"flags\":0}"), empty));
    }

    @Test
    void aPublicMessageIsNotAnEphemeralAnswer() throws Exception {
        ObjectNode ephemeral = ResponseEncoder.encode(Response.ephemeral("You joined.")).callbackMessage();

        assertFalse(ShownAnswer.shows(JSON.readTree("{\"content\":\"You joined.\",\"flags\":0}"), ephemeral));
        assertTrue(ShownAnswer.shows(JSON.readTree("{\"content\":\"You joined.\",\"flags\":64}"), ephemeral));
    }

    @Test
    void embedsMatchByTheirFieldsWhateverDiscordAdds() throws Exception {
        ObjectNode withEmbed = JSON.createObjectNode();
        withEmbed.putArray("embeds").addObject().put("title", "Raid").put("color", 5763719)
                .putArray("fields").addObject().put("name", "Tank").put("value", "1/2").put("inline", false);

        assertTrue(ShownAnswer.shows(JSON.readTree("""
                {"content":"","embeds":[{"type":"rich","title":"Raid","color":5763719,
                  "fields":[{"name":"Tank","value":"1/2"}]}]}"""), withEmbed));
        assertFalse(ShownAnswer.shows(JSON.readTree("""
                {"content":"","embeds":[{"type":"rich","title":"Raid","color":5763719,
                  "fields":[{"name":"Tank","value":"2/2"}]}]}"""), withEmbed));
    }

    @Test
    void theMessageExpectedIsTheDeferralsEditElseTheCallbacks() {
        ResponseBodies deferred = ResponseEncoder.encode(Response.defer(false, Message.text("done")));

        assertEquals("done", ShownAnswer.expected(deferred).path("content").asText());
        assertEquals("pong", ShownAnswer.expected(ResponseEncoder.encode(Response.reply("pong")))
                .path("content").asText());
        assertNull(ShownAnswer.expected(ResponseEncoder.encode(Response.deferUpdate())));
        assertNull(ShownAnswer.expected(new ResponseBodies(JSON.createObjectNode().put("type", 9), null, List.of())));
    }
}
