package io.guildflow.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each rule refuses what Discord refuses, with Discord's status, code and body. */
class DiscordRulesTest {
    private final TestClock clock = TestClock.frozen(Instant.now());
    private DiscordEmulator emu;
    private Http http;

    private void start(int globalLimit) {
        emu = DiscordEmulator.builder().clock(clock).globalRateLimit(globalLimit).commands("ping", "signup")
                .build().start();
        http = new Http(emu);
    }

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    private DispatchedInteraction command() {
        EmulatedGuild g = emu.guild(0);
        return emu.slashCommand(g, g.members().get(0), "ping", Map.of());
    }

    private static String callbackPath(DispatchedInteraction i) {
        return "/interactions/" + i.id() + "/" + i.token() + "/callback";
    }

    private String originalPath(DispatchedInteraction i) {
        return "/webhooks/" + emu.applicationId() + "/" + i.token() + "/messages/@original";
    }

    private static void assertError(HttpResponse<String> r, int status, int code, String message) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = Http.json(r);
        assertEquals(code, body.path("code").asInt(), r.body());
        assertEquals(message, body.path("message").asText());
    }

    @Test
    void callbackLaterThanThreeSecondsIsUnknownInteraction() {
        start(50);
        DispatchedInteraction i = command();
        clock.advance(Duration.ofMillis(3001));
        HttpResponse<String> r = http.send("POST", callbackPath(i), "{\"type\":4,\"data\":{\"content\":\"late\"}}",
                null);
        assertError(r, 404, 10062, "Unknown interaction");
        InteractionRecord rec = emu.interaction(i.id());
        assertFalse(rec.acknowledged());
        assertEquals(1, rec.refusedAcknowledgements());
        assertEquals(10062, rec.refusals().get(0).code());
    }

    @Test
    void callbackInTimeIsAcceptedWithOrWithoutAuthorizationAndWithResponse() {
        start(50);
        DispatchedInteraction a = command();
        clock.advance(Duration.ofMillis(2900));
        assertEquals(204, http.send("POST", callbackPath(a), "{\"type\":5}", null).statusCode());

        DispatchedInteraction b = command();
        HttpResponse<String> r = http.bot("POST", callbackPath(b) + "?with_response=true",
                "{\"type\":4,\"data\":{\"content\":\"hi\"}}");
        assertEquals(200, r.statusCode());
        JsonNode body = Http.json(r);
        assertEquals(4, body.path("resource").path("type").asInt());
        assertEquals("hi", body.path("resource").path("message").path("content").asText());
        assertEquals(b.id(), body.path("interaction").path("id").asText());
        assertEquals("hi", emu.interaction(b.id()).content());
    }

    @Test
    void anInteractionOfATypeOutsideTheDocumentedOnesIsDispatchedAndNoCallbackAccepted() {
        start(50);
        EmulatedGuild g = emu.guild(0);
        DispatchedInteraction i = emu.interactionOfType(g, g.members().get(0), 99,
                io.guildflow.testkit.model.Json.object().put("something", "new"));
        assertEquals(99, i.type());
        assertEquals(99, emu.interaction(i.id()).interactionType());
        assertError(http.send("POST", callbackPath(i), "{\"type\":5}", null), 400, 50035, "Invalid Form Body");
        assertFalse(emu.interaction(i.id()).acknowledged());
    }

    @Test
    void secondAcknowledgementIsRefused() {
        start(50);
        DispatchedInteraction i = command();
        assertEquals(204, http.send("POST", callbackPath(i), "{\"type\":4,\"data\":{\"content\":\"one\"}}", null)
                .statusCode());
        HttpResponse<String> second = http.send("POST", callbackPath(i), "{\"type\":5}", null);
        assertError(second, 400, 40060, "Interaction has already been acknowledged.");
        InteractionRecord rec = emu.interaction(i.id());
        assertEquals(1, rec.acceptedAcknowledgements());
        assertEquals(1, rec.refusedAcknowledgements());
        assertEquals(4, rec.acknowledgementType());
        assertEquals("one", rec.content());
    }

    @Test
    void webhookTokenExpiresAfterFifteenMinutes() {
        start(50);
        DispatchedInteraction i = command();
        http.send("POST", callbackPath(i), "{\"type\":5}", null);
        clock.advance(Duration.ofMinutes(14));
        assertEquals(200, http.send("PATCH", originalPath(i) + "?wait=true", "{\"content\":\"in time\"}", null)
                .statusCode());
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertError(http.send("PATCH", originalPath(i), "{\"content\":\"too late\"}", null), 401, 50027,
                "Invalid Webhook Token");
        String followUp = "/webhooks/" + emu.applicationId() + "/" + i.token() + "?wait=true";
        assertError(http.send("POST", followUp, "{\"content\":\"x\"}", null), 401, 50027, "Invalid Webhook Token");
        assertEquals("in time", emu.interaction(i.id()).content());
    }

    @Test
    void botRoutesNeedTheRightAuthorization() {
        start(50);
        assertError(http.send("GET", "/users/@me", null, null), 401, 0, "401: Unauthorized");
        assertError(http.send("GET", "/users/@me", null, "Bot wrong-token"), 401, 0, "401: Unauthorized");
        assertError(http.send("GET", "/users/@me", null, emu.token()), 401, 0, "401: Unauthorized");
        HttpResponse<String> ok = http.bot("GET", "/users/@me", null);
        assertEquals(200, ok.statusCode());
        assertEquals(emu.applicationId(), Http.json(ok).path("id").asText());
        JsonNode gateway = Http.json(http.bot("GET", "/gateway/bot", null));
        assertEquals(emu.gatewayUrl(), gateway.path("url").asText());
        assertTrue(gateway.path("session_start_limit").has("max_concurrency"));
    }

    @Test
    void globalRateLimitAnswers429ButSparesInteractionRoutes() {
        start(5);
        for (int n = 0; n < 5; n++) {
            assertEquals(200, http.bot("GET", "/users/@me", null).statusCode());
        }
        HttpResponse<String> limited = http.bot("GET", "/users/@me", null);
        assertEquals(429, limited.statusCode());
        assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("true", limited.headers().firstValue("X-RateLimit-Global").orElseThrow());
        assertEquals("global", limited.headers().firstValue("X-RateLimit-Scope").orElseThrow());
        JsonNode body = Http.json(limited);
        assertEquals("You are being rate limited.", body.path("message").asText());
        assertTrue(body.path("global").asBoolean());
        assertEquals(1.0, body.path("retry_after").asDouble(), 1e-9);

        DispatchedInteraction i = command();
        assertEquals(204, http.bot("POST", callbackPath(i), "{\"type\":5}").statusCode());
        assertEquals(200, http.bot("PATCH", originalPath(i), "{\"content\":\"ok\"}").statusCode());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, http.bot("GET", "/users/@me", null).statusCode());
    }

    @Test
    void globalRateLimitCountsAnySecondAcrossConnections() {
        start(5);
        Http other = new Http(emu); // another process's connection, same bot token
        for (int n = 0; n < 3; n++) {
            assertEquals(200, http.bot("GET", "/users/@me", null).statusCode());
        }
        clock.advance(Duration.ofMillis(600));
        assertEquals(200, other.bot("GET", "/users/@me", null).statusCode());
        assertEquals(200, other.bot("GET", "/users/@me", null).statusCode());
        HttpResponse<String> limited = other.bot("GET", "/users/@me", null);
        assertEquals(429, limited.statusCode(), "5 in the last second, whichever connection sent them");
        assertEquals(0.4, Http.json(limited).path("retry_after").asDouble(), 1e-9, "until the first three age out");
        clock.advance(Duration.ofMillis(400));
        assertEquals(200, http.bot("GET", "/users/@me", null).statusCode(), "a fixed window would have let 5 more through");
        assertEquals(200, http.bot("GET", "/users/@me", null).statusCode());
        assertEquals(200, http.bot("GET", "/users/@me", null).statusCode());
        assertEquals(429, http.bot("GET", "/users/@me", null).statusCode(), "the two at 600 ms still count");
    }

    @Test
    void globalRateLimitCanBeDisabled() {
        start(0);
        for (int n = 0; n < 200; n++) {
            assertEquals(200, http.bot("GET", "/users/@me", null).statusCode());
        }
    }

    @Test
    void perRouteBucketLimitsMessagesPerChannel() {
        start(0);
        String path = "/channels/" + emu.guild(0).textChannelId() + "/messages";
        for (int n = 0; n < 5; n++) {
            HttpResponse<String> ok = http.bot("POST", path, "{\"content\":\"m" + n + "\"}");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(Integer.toString(4 - n), ok.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        }
        HttpResponse<String> limited = http.bot("POST", path, "{\"content\":\"too many\"}");
        assertEquals(429, limited.statusCode());
        assertEquals("5", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("5", limited.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        assertEquals("0", limited.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertEquals("5.000", limited.headers().firstValue("X-RateLimit-Reset-After").orElseThrow());
        assertTrue(limited.headers().firstValue("X-RateLimit-Bucket").isPresent());
        assertTrue(limited.headers().firstValue("X-RateLimit-Reset").isPresent());
        assertEquals("user", limited.headers().firstValue("X-RateLimit-Scope").orElseThrow());
        assertFalse(Http.json(limited).path("global").asBoolean());

        String category = "/channels/" + emu.guild(0).channels().get(1) + "/messages";
        assertError(http.bot("POST", category, "{\"content\":\"x\"}"), 400, 50008,
                "Cannot send messages in a non-text channel");
        HttpResponse<String> created = http.bot("POST", "/guilds/" + emu.guild(0).id() + "/channels",
                "{\"name\":\"signups\",\"type\":0}");
        assertEquals(201, created.statusCode(), created.body());
        String other = "/channels/" + Http.json(created).path("id").asText() + "/messages";
        assertEquals(200, http.bot("POST", other, "{\"content\":\"other bucket\"}").statusCode());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(200, http.bot("POST", path, "{\"content\":\"again\"}").statusCode());
        assertEquals(6, emu.messages(emu.guild(0).textChannelId(), 50).size());
    }

    @Test
    void callbackTypeMustFitTheInteractionType() {
        start(50);
        DispatchedInteraction i = command();
        assertError(http.send("POST", callbackPath(i), "{\"type\":6}", null), 400, 50035, "Invalid Form Body");
        assertError(http.send("POST", callbackPath(i), "{\"type\":8,\"data\":{\"choices\":[]}}", null), 400,
                50035, "Invalid Form Body");
        assertEquals(204, http.send("POST", callbackPath(i), "{\"type\":5}", null).statusCode());
        EmulatedGuild g = emu.guild(0);
        DispatchedInteraction auto = emu.autocomplete(g, g.members().get(0), "signup", "name", "A");
        assertError(http.send("POST", callbackPath(auto), "{\"type\":4,\"data\":{\"content\":\"no\"}}", null),
                400, 50035, "Invalid Form Body");
        assertEquals(204, http.send("POST", callbackPath(auto), "{\"type\":8,\"data\":{\"choices\":[]}}", null)
                .statusCode());
        assertEquals(2, emu.interaction(i.id()).refusedAcknowledgements());
    }

    @Test
    void originalMessageCanBeReadEditedAndDeleted() {
        start(50);
        DispatchedInteraction i = command();
        assertError(http.send("GET", originalPath(i), null, null), 404, 10008, "Unknown Message");
        http.send("POST", callbackPath(i), "{\"type\":4,\"data\":{\"content\":\"v1\"}}", null);
        assertEquals("v1", Http.json(http.send("GET", originalPath(i), null, null)).path("content").asText());
        HttpResponse<String> edited = http.send("PATCH", originalPath(i), "{\"content\":\"v2\",\"embeds\":"
                + "[{\"title\":\"t\"}]}", null);
        assertEquals("v2", Http.json(edited).path("content").asText());
        assertEquals("t", emu.interaction(i.id()).embeds().get(0).path("title").asText());
        assertEquals(204, http.send("DELETE", originalPath(i), null, null).statusCode());
        assertError(http.send("GET", originalPath(i), null, null), 404, 10008, "Unknown Message");
    }

    @Test
    void firstFollowUpAfterDeferEditsTheLoadingMessage() {
        start(50);
        DispatchedInteraction i = command();
        String hook = "/webhooks/" + emu.applicationId() + "/" + i.token() + "?wait=true";
        assertEquals(204, http.send("POST", callbackPath(i), "{\"type\":5,\"data\":{\"flags\":64}}", null)
                .statusCode());
        String loadingId = emu.interaction(i.id()).message().path("id").asText();
        JsonNode first = Http.json(http.send("POST", hook, "{\"content\":\"result\",\"flags\":0}", null));
        assertEquals(loadingId, first.path("id").asText());
        assertEquals(64, first.path("flags").asInt());
        JsonNode second = Http.json(http.send("POST", hook, "{\"content\":\"more\"}", null));
        assertFalse(loadingId.equals(second.path("id").asText()));
        InteractionRecord r = emu.interaction(i.id());
        assertEquals("result", r.content());
        assertEquals(1, r.edits());
        assertEquals(1, r.followUps().size());
        assertEquals("more", r.followUps().get(0).path("content").asText());
    }
}
