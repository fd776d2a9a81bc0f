package io.guildflow.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payloads over Discord's limits get 400, code 50035 and the field errors, on every route that takes them. */
class PayloadValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private DiscordEmulator emu;
    private Http http;

    @BeforeEach
    void start() {
        emu = DiscordEmulator.builder().globalRateLimit(0).routeRateLimits(false).commands("ping").build().start();
        http = new Http(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private static ObjectNode obj(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Asserts 400/50035 and returns the {@code _errors} entry at {@code path}. */
    private static JsonNode fieldError(HttpResponse<String> r, String path) {
        assertEquals(400, r.statusCode(), r.body());
        JsonNode body = Http.json(r);
        assertEquals(50035, body.path("code").asInt(), r.body());
        assertEquals("Invalid Form Body", body.path("message").asText());
        JsonNode at = body.path("errors");
        for (String key : path.split("\\.")) {
            at = at.path(key);
        }
        assertFalse(at.path("_errors").isMissingNode(), () -> "no error at " + path + " in " + r.body());
        return at.path("_errors").get(0);
    }

    private static void assertTooLong(HttpResponse<String> r, String path, int max) {
        JsonNode e = fieldError(r, path);
        assertEquals("BASE_TYPE_MAX_LENGTH", e.path("code").asText());
        assertEquals("Must be " + max + " or fewer in length.", e.path("message").asText());
    }

    private String messages() {
        return "/channels/" + emu.guild(0).textChannelId() + "/messages";
    }

    private DispatchedInteraction ping() {
        EmulatedGuild g = emu.guild(0);
        return emu.slashCommand(g, g.members().get(0), "ping", Map.of());
    }

    private HttpResponse<String> callback(DispatchedInteraction i, String body) {
        return http.send("POST", "/interactions/" + i.id() + "/" + i.token() + "/callback", body, null);
    }

    private static String rows(int rows, int buttonsPerRow, int customIdLength) {
        ArrayNode out = JSON.createArrayNode();
        for (int r = 0; r < rows; r++) {
            ArrayNode buttons = out.addObject().put("type", 1).putArray("components");
            for (int b = 0; b < buttonsPerRow; b++) {
                buttons.addObject().put("type", 2).put("style", 1).put("label", "b")
                        .put("custom_id", ("" + r + b + "x".repeat(customIdLength)).substring(0, customIdLength));
            }
        }
        return out.toString();
    }

    @Test
    void theErrorBodyHasDiscordsShape() throws Exception {
        HttpResponse<String> r = http.bot("POST", messages(), "{\"content\":\"" + "a".repeat(2001) + "\"}");
        assertEquals(JSON.readTree("{\"code\":50035,\"errors\":{\"content\":{\"_errors\":[{\"code\":"
                + "\"BASE_TYPE_MAX_LENGTH\",\"message\":\"Must be 2000 or fewer in length.\"}]}},"
                + "\"message\":\"Invalid Form Body\"}"), Http.json(r));
        assertEquals(200, http.bot("POST", messages(), "{\"content\":\"" + "a".repeat(2000) + "\"}").statusCode());
        // code points, not UTF-16 units: 2,000 emoji are 4,000 chars in Java and still fine
        assertEquals(200, http.bot("POST", messages(), "{\"content\":\"" + "\uD83D\uDE00".repeat(2000) + "\"}")
                .statusCode());
    }

    @Test
    void embedsAreLimitedInNumberAndTotalSize() {
        ArrayNode eleven = JSON.createArrayNode();
        for (int n = 0; n < 11; n++) {
            eleven.addObject().put("title", "t" + n);
        }
        assertTooLong(http.bot("POST", messages(), "{\"embeds\":" + eleven + "}"), "embeds", 10);
        ArrayNode big = JSON.createArrayNode();
        for (int n = 0; n < 2; n++) {
            big.addObject().put("description", "d".repeat(4000));
        }
        JsonNode e = fieldError(http.bot("POST", messages(), "{\"embeds\":" + big + "}"), "embeds");
        assertEquals("Embed size exceeds maximum size of 6000", e.path("message").asText());
        big.remove(1);
        assertEquals(200, http.bot("POST", messages(), "{\"embeds\":" + big + "}").statusCode());
    }

    @Test
    void componentsAreLimitedInRowsButtonsCustomIdsAndOptions() {
        assertTooLong(http.bot("POST", messages(), "{\"components\":" + rows(6, 1, 5) + "}"), "components", 5);
        assertTooLong(http.bot("POST", messages(), "{\"components\":" + rows(1, 6, 5) + "}"),
                "components.0.components", 5);
        assertTooLong(http.bot("POST", messages(), "{\"components\":" + rows(1, 1, 101) + "}"),
                "components.0.components.0.custom_id", 100);
        assertEquals(200, http.bot("POST", messages(), "{\"content\":\"ok\",\"components\":" + rows(5, 5, 100) + "}")
                .statusCode());
        ObjectNode select = obj("{\"type\":3,\"custom_id\":\"s\",\"options\":[]}");
        for (int n = 0; n < 26; n++) {
            select.withArray("options").addObject().put("label", "o" + n).put("value", "o" + n);
        }
        String row = "[{\"type\":1,\"components\":[" + select + "]}]";
        assertTooLong(http.bot("POST", messages(), "{\"components\":" + row + "}"),
                "components.0.components.0.options", 25);
    }

    @Test
    void interactionCallbacksAreValidatedUnderDataAndTheRefusalIsRecorded() {
        DispatchedInteraction i = ping();
        assertTooLong(callback(i, "{\"type\":4,\"data\":{\"content\":\"" + "a".repeat(2001) + "\"}}"),
                "data.content", 2000);
        assertEquals(50035, emu.interaction(i.id()).refusals().get(0).code());
        assertFalse(emu.interaction(i.id()).acknowledged());
        assertTooLong(callback(i, "{\"type\":9,\"data\":{\"custom_id\":\"m\",\"title\":\"" + "t".repeat(46)
                + "\",\"components\":[{\"type\":1,\"components\":[{\"type\":4,\"custom_id\":\"f\",\"style\":1,"
                + "\"label\":\"F\"}]}]}}"), "data.title", 45);
        assertEquals(204, callback(i, "{\"type\":4,\"data\":{\"content\":\"fine\"}}").statusCode());

        EmulatedGuild g = emu.guild(0);
        DispatchedInteraction auto = emu.autocomplete(g, g.members().get(0), "ping", "q", "x");
        ArrayNode choices = JSON.createArrayNode();
        for (int n = 0; n < 26; n++) {
            choices.addObject().put("name", "c" + n).put("value", "c" + n);
        }
        assertTooLong(callback(auto, "{\"type\":8,\"data\":{\"choices\":" + choices + "}}"), "data.choices", 25);
    }

    @Test
    void webhookEditsAndFollowUpsAreValidated() {
        DispatchedInteraction i = ping();
        assertEquals(204, callback(i, "{\"type\":5}").statusCode());
        String hook = "/webhooks/" + emu.applicationId() + "/" + i.token();
        String tooLong = "{\"content\":\"" + "a".repeat(2001) + "\"}";
        assertTooLong(http.send("PATCH", hook + "/messages/@original", tooLong, null), "content", 2000);
        assertTooLong(http.send("POST", hook, tooLong, null), "content", 2000);
        assertEquals(0, emu.interaction(i.id()).edits());
        assertEquals(0, emu.interaction(i.id()).followUps().size());
    }

    @Test
    void commandNamesDescriptionsAndOptionsFollowDiscordsRules() {
        String global = "/applications/" + emu.applicationId() + "/commands";
        assertEquals("STRING_TYPE_REGEX", fieldError(http.bot("POST", global,
                "{\"name\":\"two words\",\"description\":\"d\"}"), "name").path("code").asText());
        assertEquals("APPLICATION_COMMAND_INVALID_NAME", fieldError(http.bot("POST", global,
                "{\"name\":\"Ping\",\"description\":\"d\"}"), "name").path("code").asText());
        assertTooLong(http.bot("POST", global, "{\"name\":\"" + "p".repeat(33) + "\",\"description\":\"d\"}"),
                "name", 32);
        assertEquals("BASE_TYPE_REQUIRED", fieldError(http.bot("POST", global, "{\"name\":\"nodesc\"}"),
                "description").path("code").asText());
        assertTooLong(http.bot("POST", global, "{\"name\":\"long\",\"description\":\"" + "d".repeat(101) + "\"}"),
                "description", 100);
        ArrayNode options = JSON.createArrayNode();
        for (int n = 0; n < 26; n++) {
            options.addObject().put("type", 3).put("name", "o" + n).put("description", "d");
        }
        assertTooLong(http.bot("POST", global, "{\"name\":\"many\",\"description\":\"d\",\"options\":" + options
                + "}"), "options", 25);
        // user and message commands may have spaces, capitals and no description
        assertEquals(201, http.bot("POST", global, "{\"name\":\"Show Profile\",\"type\":2}").statusCode());
        assertEquals(201, http.bot("POST", global, "{\"name\":\"नमस्ते\",\"description\":\"hindi\"}").statusCode());
        // a bulk overwrite names the index of the bad command
        assertTooLong(http.bot("PUT", global, "[{\"name\":\"ok\",\"description\":\"d\"},{\"name\":\"bad\","
                + "\"description\":\"" + "d".repeat(101) + "\"}]"), "1.description", 100);
    }

    @Test
    void atMostOneHundredChatInputCommandsPerScope() {
        String global = "/applications/" + emu.applicationId() + "/commands";
        ArrayNode hundred = JSON.createArrayNode();
        for (int n = 0; n < 100; n++) {
            hundred.addObject().put("name", "c" + n).put("description", "d");
        }
        assertEquals(200, http.bot("PUT", global, hundred.toString()).statusCode());
        HttpResponse<String> more = http.bot("POST", global, "{\"name\":\"c100\",\"description\":\"d\"}");
        assertEquals(400, more.statusCode());
        assertEquals(30032, Http.json(more).path("code").asInt());
        assertEquals(200, http.bot("POST", global, "{\"name\":\"c7\",\"description\":\"upsert\"}").statusCode());
        hundred.addObject().put("name", "c100").put("description", "d");
        assertEquals(30032, Http.json(http.bot("PUT", global, hundred.toString())).path("code").asInt());
    }
}
