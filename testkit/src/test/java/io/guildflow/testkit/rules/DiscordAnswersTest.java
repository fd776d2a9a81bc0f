package io.guildflow.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.model.EmulatedGuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers Discord gives that correct code relies on: invalid-request bans, follow-ups, nonces, upserts, files. */
class DiscordAnswersTest {
    private final TestClock clock = TestClock.frozen(Instant.now());
    private DiscordEmulator emu;
    private Http http;

    private void start(int invalidRequestLimit) {
        emu = DiscordEmulator.builder().clock(clock).globalRateLimit(0).routeRateLimits(false)
                .invalidRequestLimit(invalidRequestLimit).commands("ping").build().start();
        http = new Http(emu);
    }

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    private String messages() {
        return "/channels/" + emu.guild(0).textChannelId() + "/messages";
    }

    private DispatchedInteraction acknowledgedPing() {
        EmulatedGuild g = emu.guild(0);
        DispatchedInteraction i = emu.slashCommand(g, g.members().get(0), "ping", Map.of());
        assertEquals(204, http.send("POST", "/interactions/" + i.id() + "/" + i.token() + "/callback",
                "{\"type\":4,\"data\":{\"content\":\"pong\"}}", null).statusCode());
        return i;
    }

    private HttpResponse<String> multipart(String method, String path, String payloadJson, boolean auth) {
        String boundary = "b0undary";
        StringBuilder body = new StringBuilder();
        if (payloadJson != null) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n")
                    .append("Content-Type: application/json\r\n\r\n").append(payloadJson).append("\r\n");
        }
        body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"report.csv\"\r\n")
                .append("Content-Type: text/csv\r\n\r\na,b\n1,2\r\n--").append(boundary).append("--\r\n");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.apiUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        if (auth) {
            b.header("Authorization", "Bot " + emu.token());
        }
        try {
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tooManyInvalidRequestsGetTheClientBannedFromTheWholeApi() {
        start(5);
        HttpResponse<String> ok = http.bot("GET", "/users/@me", null);
        assertEquals("1.1 google", ok.headers().firstValue("Via").orElse(null), "Discord's answers carry Via");
        for (int n = 0; n < 5; n++) {
            assertEquals(401, http.send("GET", "/users/@me", null, "Bot wrong").statusCode());
        }
        HttpResponse<String> banned = http.bot("GET", "/users/@me", null);
        assertEquals(429, banned.statusCode());
        assertTrue(banned.body().contains("Error 1015"), banned.body());
        assertEquals("text/html", banned.headers().firstValue("Content-Type").orElse(null));
        assertEquals("600", banned.headers().firstValue("Retry-After").orElse(null));
        assertTrue(banned.headers().firstValue("Via").isEmpty(), "a Cloudflare answer has no Via");
        EmulatedGuild g = emu.guild(0);
        DispatchedInteraction i = emu.slashCommand(g, g.members().get(0), "ping", Map.of());
        assertEquals(429, http.send("POST", "/interactions/" + i.id() + "/" + i.token() + "/callback",
                "{\"type\":5}", null).statusCode(), "interaction routes are banned too");

        clock.advance(Duration.ofMinutes(10));
        assertEquals(200, http.bot("GET", "/users/@me", null).statusCode());
    }

    @Test
    void invalidAnswersOutsideTheTenMinuteWindowDoNotCount() {
        start(3);
        http.send("GET", "/users/@me", null, null);
        http.send("GET", "/users/@me", null, null);
        clock.advance(Duration.ofMinutes(10));
        http.send("GET", "/users/@me", null, null);
        assertEquals(200, http.bot("GET", "/users/@me", null).statusCode());
    }

    @Test
    void followUpsAlwaysAnswerWithTheMessageAndCanBeDeleted() {
        start(10_000);
        DispatchedInteraction i = acknowledgedPing();
        String hook = "/webhooks/" + emu.applicationId() + "/" + i.token();
        HttpResponse<String> created = http.send("POST", hook, "{\"content\":\"more\"}", null);
        assertEquals(200, created.statusCode(), "wait is always true for follow-ups");
        String id = Http.json(created).path("id").asText();
        assertEquals("more", Http.json(created).path("content").asText());
        assertEquals(200, http.send("GET", hook + "/messages/" + id, null, null).statusCode());
        assertEquals(204, http.send("DELETE", hook + "/messages/" + id, null, null).statusCode());
        assertEquals(10008, Http.json(http.send("GET", hook + "/messages/" + id, null, null)).path("code").asInt());
        assertEquals(10008, Http.json(http.send("DELETE", hook + "/messages/" + id, null, null)).path("code").asInt());

        HttpResponse<String> ephemeral = http.send("POST", hook, "{\"content\":\"psst\",\"flags\":64}", null);
        String secret = Http.json(ephemeral).path("id").asText();
        assertEquals(64, Http.json(ephemeral).path("flags").asInt() & 64);
        HttpResponse<String> edited = http.send("PATCH", hook + "/messages/" + secret, "{\"content\":\"edited\"}",
                null);
        assertEquals(200, edited.statusCode(), "an ephemeral follow-up can be edited");
        assertEquals("edited", Http.json(http.send("GET", hook + "/messages/" + secret, null, null)).path("content")
                .asText());
    }

    @Test
    void anEnforcedNonceReturnsTheMessageItAlreadyCreated() {
        start(10_000);
        String body = "{\"content\":\"once\",\"nonce\":\"n-1\",\"enforce_nonce\":true}";
        JsonNode first = Http.json(http.bot("POST", messages(), body));
        JsonNode again = Http.json(http.bot("POST", messages(), body));
        assertEquals(first.path("id").asText(), again.path("id").asText());
        assertEquals("n-1", first.path("nonce").asText());
        assertEquals(1, emu.messages(emu.guild(0).textChannelId(), 10).size());

        clock.advance(Duration.ofMinutes(6));
        assertFalse(first.path("id").asText().equals(Http.json(http.bot("POST", messages(), body)).path("id").asText()),
                "a nonce is enforced for a few minutes only");
        String loose = "{\"content\":\"twice\",\"nonce\":\"n-2\"}";
        assertFalse(Http.json(http.bot("POST", messages(), loose)).path("id").asText()
                .equals(Http.json(http.bot("POST", messages(), loose)).path("id").asText()));
        assertEquals(50035, Http.json(http.bot("POST", messages(), "{\"content\":\"x\",\"nonce\":\""
                + "n".repeat(26) + "\"}")).path("code").asInt());
    }

    @Test
    void postingAnExistingCommandUpdatesItAndPatchRenames() {
        start(10_000);
        String global = "/applications/" + emu.applicationId() + "/commands";
        HttpResponse<String> created = http.bot("POST", global, "{\"name\":\"stats\",\"description\":\"one\"}");
        assertEquals(201, created.statusCode());
        String id = Http.json(created).path("id").asText();
        HttpResponse<String> updated = http.bot("POST", global, "{\"name\":\"stats\",\"description\":\"two\"}");
        assertEquals(200, updated.statusCode());
        assertEquals(id, Http.json(updated).path("id").asText());
        assertEquals(2, emu.commands(null).size(), "ping and stats");

        HttpResponse<String> renamed = http.bot("PATCH", global + "/" + id, "{\"name\":\"statistics\"}");
        assertEquals(200, renamed.statusCode(), renamed.body());
        assertEquals(id, Http.json(renamed).path("id").asText());
        assertEquals("two", Http.json(renamed).path("description").asText());
        assertEquals(2, emu.commands(null).size());
        assertTrue(emu.commands(null).stream().noneMatch(c -> c.path("name").asText().equals("stats")));
        assertEquals(400, http.bot("PATCH", global + "/" + id, "{\"name\":\"ping\"}").statusCode());
    }

    @Test
    void aMessageWithOnlyAFileIsAccepted() {
        start(10_000);
        HttpResponse<String> posted = multipart("POST", messages(), null, true);
        assertEquals(200, posted.statusCode(), posted.body());
        JsonNode attachment = Http.json(posted).path("attachments").get(0);
        assertEquals("report.csv", attachment.path("filename").asText());
        assertEquals(7, attachment.path("size").asInt());
        assertEquals("text/csv", attachment.path("content_type").asText());
        assertEquals("", Http.json(posted).path("content").asText());
        assertEquals(400, http.bot("POST", messages(), "{}").statusCode(), "without the file it is empty");

        DispatchedInteraction i = acknowledgedPing();
        String hook = "/webhooks/" + emu.applicationId() + "/" + i.token();
        HttpResponse<String> followUp = multipart("POST", hook, "{\"attachments\":[{\"id\":0}]}", false);
        assertEquals(200, followUp.statusCode(), followUp.body());
        assertEquals("report.csv", Http.json(followUp).path("attachments").get(0).path("filename").asText());
        assertNull(emu.interaction(i.id()).refusals().stream().findFirst().orElse(null));
    }

    @Test
    void commandRoutesOfAGuildTheBotIsNotInAreMissingAccess() {
        start(10_000);
        String app = emu.applicationId();
        HttpResponse<String> r = http.bot("PUT", "/applications/" + app + "/guilds/42/commands", "[]");
        assertEquals(403, r.statusCode());
        assertEquals(50001, Http.json(r).path("code").asInt());
        EmulatedGuild left = emu.guild(0);
        String guildCommands = "/applications/" + app + "/guilds/" + left.id() + "/commands";
        assertEquals(200, http.bot("GET", guildCommands, null).statusCode());
        emu.leaveGuild(left);
        assertEquals(50001, Http.json(http.bot("GET", guildCommands, null)).path("code").asInt());
    }
}
