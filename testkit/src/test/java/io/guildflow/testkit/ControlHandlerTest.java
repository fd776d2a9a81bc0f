package io.guildflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The standalone emulator can be driven by hand: dispatch a slash command, read what became of it. */
@ExtendWith(DiscordEmulatorExtension.class)
class ControlHandlerTest {
    private final ControlClient control = new ControlClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(DiscordEmulator emulator, String method, String path, String body)
            throws Exception {
        return control.send(emulator, method, path, body);
    }

    @Test
    void slashCommandIsDispatchedAndItsRecordCanBeRead(DiscordEmulator emulator) throws Exception {
        HttpResponse<String> unregistered = send(emulator, "POST", "/_emulator/slash?name=signup", null);
        assertEquals(400, unregistered.statusCode());
        assertTrue(unregistered.body().contains("not registered"), unregistered.body());
        HttpResponse<String> registered = send(emulator, "POST", "/_emulator/commands?name=signup", null);
        assertEquals(200, registered.statusCode(), registered.body());
        assertEquals("signup", emulator.commands(null).get(0).path("name").asText());
        assertEquals(400, send(emulator, "POST", "/_emulator/commands?name=Not%20Valid", null).statusCode());
        HttpResponse<String> sent = send(emulator, "POST", "/_emulator/slash?name=signup&user=1",
                "{\"team\":\"red\",\"size\":3}");
        assertEquals(200, sent.statusCode(), sent.body());
        JsonNode dispatched = json.readTree(sent.body());
        String id = dispatched.path("id").asText();
        assertEquals(emulator.guild(0).members().get(1).username(), dispatched.path("user").asText());
        assertEquals("signup", emulator.interaction(id).name());
        assertEquals(emulator.channels(emulator.guild(0)).stream().filter(c -> c.path("type").asInt() == 0)
                .findFirst().orElseThrow().path("id").asText(), dispatched.path("channel_id").asText(),
                "the channel a bot's reply or post lands in");

        HttpResponse<String> record = send(emulator, "GET", "/_emulator/interactions/" + id, null);
        assertEquals(200, record.statusCode(), record.body());
        assertFalse(json.readTree(record.body()).path("acknowledged").asBoolean());
        assertEquals(0, emulator.restCallCount(), "control calls are not Discord API calls");
    }

    @Test
    void aButtonOfAStoredMessageCanBeClickedByHand(DiscordEmulator emulator) throws Exception {
        // a click without a message lands on a fresh bot message carrying the button: it is stored, clickable again
        JsonNode first = json.readTree(send(emulator, "POST", "/_emulator/click?custom_id=vote:up", null).body());
        JsonNode message = emulator.messages(first.path("channel_id").asText(), 1).get(0);
        HttpResponse<String> click = send(emulator, "POST", "/_emulator/click?message="
                + message.path("id").asText() + "&custom_id=vote:up&user=1", null);
        assertEquals(200, click.statusCode(), click.body());
        JsonNode dispatched = json.readTree(click.body());
        assertEquals(message.path("channel_id").asText(), dispatched.path("channel_id").asText());
        assertEquals("vote:up", emulator.interaction(dispatched.path("id").asText()).name());
        JsonNode plain = emulator.postUserMessage(emulator.guild(0), emulator.guild(0).members().get(0), "vote");
        HttpResponse<String> noButton = send(emulator, "POST", "/_emulator/click?message="
                + plain.path("id").asText() + "&custom_id=vote:up", null);
        assertEquals(400, noButton.statusCode(), noButton.body());
        assertTrue(noButton.body().contains("carries no component with custom_id 'vote:up'"), noButton.body());
        HttpResponse<String> unknown = send(emulator, "POST", "/_emulator/click?message=1&custom_id=vote:up", null);
        assertEquals(404, unknown.statusCode(), unknown.body());
        HttpResponse<String> incomplete = send(emulator, "POST", "/_emulator/click?message=1", null);
        assertEquals(400, incomplete.statusCode());
        assertTrue(incomplete.body().contains("custom_id is required"), incomplete.body());
    }

    @Test
    void badControlRequestsGetClearErrors(DiscordEmulator emulator) throws Exception {
        HttpResponse<String> noName = send(emulator, "POST", "/_emulator/slash", null);
        assertEquals(400, noName.statusCode());
        assertTrue(noName.body().contains("name is required"), noName.body());
        assertEquals(404, send(emulator, "GET", "/_emulator/interactions/123", null).statusCode());
        assertEquals(400, send(emulator, "POST", "/_emulator/slash?name=ping&guild=9", null).statusCode());
        assertEquals(404, send(emulator, "DELETE", "/_emulator/everything", null).statusCode());
        assertTrue(emulator.interactions().isEmpty());
    }

    @Test
    void guildLifecycleAndIdentifyBudgetByHand(DiscordEmulator emulator) throws Exception {
        HttpResponse<String> joined = send(emulator, "POST", "/_emulator/guilds/join?name=Later", null);
        assertEquals(200, joined.statusCode(), joined.body());
        String id = json.readTree(joined.body()).path("id").asText();
        assertEquals(2, emulator.guilds().size());
        assertEquals("Later", emulator.guild(1).name());

        assertEquals(200, send(emulator, "POST", "/_emulator/guilds/" + id + "/outage", null).statusCode());
        assertTrue(emulator.gatewayFrames().isEmpty(), "no session: nothing sent");
        assertEquals(200, send(emulator, "POST", "/_emulator/guilds/" + id + "/available", null).statusCode());
        assertEquals(200, send(emulator, "POST", "/_emulator/guilds/" + id + "/leave", null).statusCode());
        assertEquals(1, emulator.guilds().size());
        assertEquals(404, send(emulator, "POST", "/_emulator/guilds/" + id + "/leave", null).statusCode());
        assertEquals(400, send(emulator, "POST", "/_emulator/guilds/" + emulator.guild(0).id() + "/explode",
                null).statusCode());

        assertEquals(200, send(emulator, "POST", "/_emulator/session-start-limit/exhaust", null).statusCode());
        assertEquals(0, emulator.sessionStartLimit().remaining());
        HttpResponse<String> identifies = send(emulator, "GET", "/_emulator/identifies", null);
        assertEquals("[]", identifies.body());

        assertEquals(400, send(emulator, "POST", "/_emulator/rest-latency?ms=soon", null).statusCode());
        HttpResponse<String> slow = send(emulator, "POST", "/_emulator/rest-latency?ms=0", null);
        assertEquals(200, slow.statusCode(), slow.body());
        assertEquals("{\"rest_latency_ms\":0}", slow.body());
    }
}
