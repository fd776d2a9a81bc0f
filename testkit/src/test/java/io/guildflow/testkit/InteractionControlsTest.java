package io.guildflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The by-hand interaction routes over real HTTP against a started emulator: a member's slash command (refused
 * like Discord's client refuses it), autocomplete, button click, select and modal, and the record of every answer.
 */
@ExtendWith(DiscordEmulatorExtension.class)
class InteractionControlsTest {
    private static final String GREET = """
            {"name":"greet","type":1,"description":"Say hello","options":[
              {"type":3,"name":"name","description":"who","required":true,"autocomplete":true},
              {"type":4,"name":"times","description":"how often","min_value":1,"max_value":5},
              {"type":3,"name":"mood","description":"how","choices":[{"name":"Happy","value":"happy"}]}]}""";
    private static final String ROW = "[{\"type\":1,\"components\":[{\"type\":2,\"style\":1,\"label\":\"Wave\","
            + "\"custom_id\":\"wave:%s\"}]}]";

    private final ControlClient control = new ControlClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(DiscordEmulator emulator, String method, String path, String body) throws Exception {
        return control.send(emulator, method, path, body);
    }

    private JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }

    private static String id(JsonNode dispatched) {
        return dispatched.path("id").asText();
    }

    @Test
    void aSlashCommandMissingARequiredOptionOrWithAWrongValueIsRefusedAndNeverDispatched(DiscordEmulator emulator)
            throws Exception {
        ok(send(emulator, "POST", "/_emulator/commands", GREET));
        Map<String, String> refused = Map.of(
                "{}", "/greet: option 'name' is required",
                "{\"name\":\"Ada\",\"times\":\"two\"}", "/greet: option 'times' expects an integer, got the string \\\"two\\\"",
                "{\"name\":\"Ada\",\"times\":2.5}", "/greet: option 'times' expects an integer, got the number 2.5",
                "{\"name\":3}", "/greet: option 'name' expects a string, got the integer 3",
                "{\"name\":\"Ada\",\"times\":9}", "/greet: option 'times' must be between 1 and 5, got the integer 9",
                "{\"name\":\"Ada\",\"mood\":\"sad\"}", "/greet: option 'mood' must be one of its choices [happy]",
                "{\"name\":\"Ada\",\"colour\":\"red\"}", "/greet has no option 'colour' (its options: name, times, mood)",
                "[\"Ada\"]", "the body must be a JSON object of option values");
        for (Map.Entry<String, String> body : refused.entrySet()) {
            HttpResponse<String> answer = send(emulator, "POST", "/_emulator/slash?name=greet", body.getKey());
            assertEquals(400, answer.statusCode(), body.getKey() + " -> " + answer.body());
            assertTrue(answer.body().contains(body.getValue()), body.getKey() + " -> " + answer.body());
        }
        assertTrue(emulator.interactions().isEmpty(), "nothing refused reached the bot");
        assertTrue(emulator.gatewayFrames().isEmpty());

        // the Java trigger a test (and TestBot) calls goes through the same check
        EmulatedGuild guild = emulator.guild(0);
        IllegalArgumentException java = assertThrows(IllegalArgumentException.class,
                () -> emulator.slashCommand(guild, guild.members().get(0), "greet", Map.of("times", 2)));
        assertEquals("/greet: option 'name' is required (Discord's client does not send the command without it)",
                java.getMessage());

        String sent = id(ok(send(emulator, "POST", "/_emulator/slash?name=greet", "{\"name\":\"Ada\",\"times\":2}")));
        assertEquals("greet", emulator.interaction(sent).name());
        assertEquals(1, emulator.interactions().size());
    }

    @Test
    void subcommandsMustBeChosenAndExist(DiscordEmulator emulator) throws Exception {
        ok(send(emulator, "POST", "/_emulator/commands", """
                {"name":"signup","type":1,"description":"Signups","options":[
                  {"type":1,"name":"create","description":"Open one","options":[
                    {"type":3,"name":"title","description":"what","required":true}]},
                  {"type":1,"name":"list","description":"The open ones"}]}"""));
        HttpResponse<String> none = send(emulator, "POST", "/_emulator/slash?name=signup", null);
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("/signup: choose a subcommand (subcommands: create, list)"), none.body());
        HttpResponse<String> wrong = send(emulator, "POST", "/_emulator/slash?name=signup%20crate", null);
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("'crate' is not a subcommand here"), wrong.body());
        ok(send(emulator, "POST", "/_emulator/slash?name=signup%20create", "{\"title\":\"Raid\"}"));
        assertEquals(1, emulator.interactions().size());
    }

    @Test
    void autocompleteAsksForTheFocusedOptionAndShowsTheChoices(DiscordEmulator emulator) throws Exception {
        ok(send(emulator, "POST", "/_emulator/commands", GREET));
        HttpResponse<String> notAutocompleted = send(emulator, "POST", "/_emulator/autocomplete?name=greet&focused=mood",
                "{\"mood\":\"ha\"}");
        assertEquals(400, notAutocompleted.statusCode());
        assertTrue(notAutocompleted.body().contains("option 'mood' is not declared with autocomplete"),
                notAutocompleted.body());
        assertEquals(400, send(emulator, "POST", "/_emulator/autocomplete?name=greet", "{}").statusCode());

        String sent = id(ok(send(emulator, "POST", "/_emulator/autocomplete?name=greet&focused=name",
                "{\"name\":\"Ad\",\"times\":2}")));
        InteractionRecord record = emulator.interaction(sent);
        assertEquals(4, record.interactionType());
        callback(emulator, record, "{\"type\":8,\"data\":{\"choices\":[{\"name\":\"Ada\",\"value\":\"Ada\"}]}}");

        JsonNode answers = ok(send(emulator, "GET", "/_emulator/interactions/" + sent, null))
                .path("answers");
        assertEquals(1, answers.size(), answers.toString());
        assertEquals("response", answers.get(0).path("kind").asText());
        assertEquals(8, answers.get(0).path("callback_type").asInt());
        assertEquals("Ada", answers.get(0).path("choices").get(0).path("value").asText());
    }

    @Test
    void aClickShowsTheComponentsOfTheResponseEveryEditAndEveryFollowUp(DiscordEmulator emulator) throws Exception {
        JsonNode fresh = ok(send(emulator, "POST", "/_emulator/click?custom_id=wave:ada&user=1", null));
        InteractionRecord clicked = emulator.interaction(id(fresh));
        assertEquals(3, clicked.interactionType());
        assertEquals("wave:ada", clicked.name());

        callback(emulator, clicked, "{\"type\":7,\"data\":{\"content\":\"Waved\",\"components\":" + ROW.formatted("1") + "}}");
        webhook(emulator, clicked, "PATCH", "/messages/@original", "{\"content\":\"Waved twice\",\"components\":"
                + ROW.formatted("2") + "}");
        webhook(emulator, clicked, "POST", "", "{\"content\":\"Thanks\",\"components\":" + ROW.formatted("3") + "}");

        JsonNode shown = ok(send(emulator, "GET", "/_emulator/interactions/" + fresh.path("id").asText(), null));
        JsonNode answers = shown.path("answers");
        assertEquals(List.of("response", "edit", "follow-up"),
                List.of(answers.get(0).path("kind").asText(), answers.get(1).path("kind").asText(),
                        answers.get(2).path("kind").asText()));
        assertEquals(7, answers.get(0).path("callback_type").asInt());
        for (int i = 0; i < 3; i++) {
            assertEquals("wave:" + (i + 1), answers.get(i).path("components").get(0).path("components").get(0)
                    .path("custom_id").asText(), answers.toString());
        }
        assertEquals("Thanks", answers.get(2).path("content").asText());

        // a click on a stored message: the one the bot just updated
        String message = answers.get(0).path("message_id").asText();
        JsonNode again = ok(send(emulator, "POST", "/_emulator/click?message=" + message + "&custom_id=wave:2", null));
        callback(emulator, emulator.interaction(id(again)), "{\"type\":6}");
        assertEquals(message, emulator.interaction(id(again)).message().path("id").asText(), "the clicked message");
        HttpResponse<String> noCustomId = send(emulator, "POST", "/_emulator/click?message=" + message, null);
        assertEquals(400, noCustomId.statusCode());
        assertTrue(noCustomId.body().contains("custom_id is required"), noCustomId.body());
        assertEquals(404, send(emulator, "POST", "/_emulator/click?message=1&custom_id=wave:1", null).statusCode());
    }

    @Test
    void aSelectChoiceAndAModalSubmitByHand(DiscordEmulator emulator) throws Exception {
        JsonNode chosen = ok(send(emulator, "POST", "/_emulator/select?custom_id=color-menu", "[\"blue\",\"red\"]"));
        InteractionRecord select = emulator.interaction(id(chosen));
        assertEquals(3, select.interactionType());
        assertEquals("color-menu", select.name());
        JsonNode menu = emulator.messages(select.channelId(), 1).get(0).path("components").get(0).path("components").get(0);
        assertEquals(3, menu.path("type").asInt(), "a fresh bot message carrying the menu: " + menu);
        assertEquals("color-menu", menu.path("custom_id").asText());
        HttpResponse<String> noValues = send(emulator, "POST", "/_emulator/select?custom_id=color-menu", "{}");
        assertEquals(400, noValues.statusCode());
        assertTrue(noValues.body().contains("JSON array of the chosen values"), noValues.body());

        JsonNode submitted = ok(send(emulator, "POST", "/_emulator/modal?custom_id=feedback",
                "{\"text\":\"Nice bot\"}"));
        InteractionRecord modal = emulator.interaction(id(submitted));
        assertEquals(5, modal.interactionType());
        assertEquals("feedback", modal.name());
        callback(emulator, modal, "{\"type\":4,\"data\":{\"content\":\"Thanks for the feedback\"}}");
        JsonNode answers = ok(send(emulator, "GET", "/_emulator/interactions/" + submitted.path("id").asText(), null))
                .path("answers");
        assertEquals("Thanks for the feedback", answers.get(0).path("content").asText());
        assertEquals(0, answers.get(0).path("components").size());
        assertEquals(400, send(emulator, "POST", "/_emulator/modal", "{}").statusCode());
        assertEquals(404, send(emulator, "PUT", "/_emulator/modal?custom_id=x", "{}").statusCode());
    }

    @Test
    void theBannerListsEveryInteractionRouteAndEachIsServed(DiscordEmulator emulator) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        emulator.printListening(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        String banner = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(banner.contains("interactions by hand on http://127.0.0.1:" + emulator.port()), banner);
        for (String route : InteractionControls.ROUTES) {
            assertTrue(banner.contains(route), route);
            String path = route.split("\\s+")[1].replaceAll("[?\\[].*", "").replace("{id}", "1");
            // a route the banner names is never the "unknown control route" answer (bare requests get 400 or 404)
            HttpResponse<String> answer = send(emulator, route.split("\\s+")[0], path, null);
            assertTrue(!answer.body().contains("unknown control route"), route + " -> " + answer.body());
        }
    }

    /** The bot's answer over the emulator's REST API, as JDA sends it (callbacks need no Authorization). */
    private void callback(DiscordEmulator emulator, InteractionRecord record, String body) throws Exception {
        HttpResponse<String> answer = send(emulator, "POST", "/api/v10/interactions/" + record.id()
                + "/" + record.token() + "/callback", body);
        assertEquals(204, answer.statusCode(), answer.body());
    }

    private void webhook(DiscordEmulator emulator, InteractionRecord record, String method, String tail, String body)
            throws Exception {
        HttpResponse<String> answer = send(emulator, method, "/api/v10/webhooks/"
                + emulator.applicationId() + "/" + record.token() + tail, body);
        assertEquals(200, answer.statusCode(), answer.body());
    }
}
