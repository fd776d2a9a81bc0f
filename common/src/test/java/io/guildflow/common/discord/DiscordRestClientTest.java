package io.guildflow.common.discord;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.Message;
import io.guildflow.api.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.guildflow.common.discord.StubDiscord.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscordRestClientTest {
    private static final ObjectNode PONG = JsonNodeFactory.instance.objectNode().put("type", 1);


    private static final String BOT_TOKEN = "MTIzNDU2Nzg5.bot-secret";
    private static final String TOKEN = "aW50ZXJhY3Rpb246MTIzOnNlY3JldA";
    private static final String ALREADY_ACKED = "{\"code\":40060,\"message\":\"Interaction has already been acknowledged.\"}";

    private StubDiscord discord;
    private SimpleMeterRegistry registry;
    private DiscordRestClient client;

    @BeforeEach
    void start() throws Exception {
        discord = new StubDiscord();
        registry = new SimpleMeterRegistry();
        client = new DiscordRestClient(discord.apiBase(), BOT_TOKEN, registry);
    }

    @AfterEach
    void stop() {
        client.close();
        discord.close();
    }

    @Test
    void respondPostsCallbackWithoutBotAuth() {
        discord.reply(Reply.json(204, ""));
        client.respond("111", TOKEN, ResponseEncoder.encode(Response.reply("pong")).callback());

        StubDiscord.Received req = discord.received.get(0);
        assertEquals("POST", req.method());
        assertEquals("/api/v10/interactions/111/" + TOKEN + "/callback", req.rawPath());
        assertEquals("{\"type\":4,\"data\":{\"content\":\"pong\",\"embeds\":[],\"components\":[],"
                + "\"allowed_mentions\":{\"parse\":[]}}}", req.body());
        assertNull(req.authorization(), "interaction routes authenticate by token, not bot token");
        assertEquals(RequestBuilder.USER_AGENT, req.userAgent());
    }

    @Test
    void editOriginalAndFollowUpReturnMessage() {
        discord.reply(Reply.json(200, "{\"id\":\"900\",\"content\":\"done\"}"));
        discord.reply(Reply.json(200, "{\"id\":\"901\"}"));
        JsonNode edited = client.editOriginal("222", TOKEN, JsonNodeFactory.instance.objectNode().put("content", "done"));
        JsonNode followUp = client.followUp("222", TOKEN, JsonNodeFactory.instance.objectNode().put("content", "more"));

        assertEquals("900", edited.get("id").asText());
        assertEquals("901", followUp.get("id").asText());
        assertEquals("PATCH", discord.received.get(0).method());
        assertEquals("/api/v10/webhooks/222/" + TOKEN + "/messages/@original", discord.received.get(0).rawPath());
        assertEquals("POST", discord.received.get(1).method());
        assertEquals("/api/v10/webhooks/222/" + TOKEN, discord.received.get(1).rawPath());
    }

    @Test
    void botRoutesSendAuthorization() {
        discord.reply(Reply.json(200, "{\"id\":\"42\"}"));
        discord.reply(Reply.json(200, "[]"));
        discord.reply(Reply.json(201, "{\"id\":\"7\"}"));
        assertEquals("42", client.get("applications/@me").get("id").asText());
        assertTrue(client.put("applications/42/guilds/1/commands", JsonNodeFactory.instance.arrayNode()).isArray());
        assertEquals("7", client.post("guilds/1/roles", JsonNodeFactory.instance.objectNode().put("name", "mod"))
                .get("id").asText());

        for (StubDiscord.Received r : discord.received) {
            assertEquals("Bot " + BOT_TOKEN, r.authorization());
            assertEquals(RequestBuilder.USER_AGENT, r.userAgent());
        }
        assertEquals("/api/v10/applications/@me", discord.received.get(0).rawPath());
        assertEquals("PUT", discord.received.get(1).method());
    }

    @Test
    void alreadyAcknowledgedIsTypedAndTokenFree() {
        discord.reply(Reply.json(400, ALREADY_ACKED));
        DiscordApiException e = assertThrows(DiscordApiException.class,
                () -> client.respond("111", TOKEN, ResponseEncoder.encode(Response.defer(false, Message.text("later"))).callback()));
        assertTrue(e.isAlreadyAcknowledged());
        assertFalse(e.isUnknownInteraction());
        assertFalse(e.afterRetry());
        assertEquals(400, e.status());
        assertEquals(40060, e.code());
        assertEquals("interactions/{id}/{token}/callback", e.route());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("127.0.0.1"), "no URL in message: " + e.getMessage());
        assertEquals(1, discord.received.size(), "4xx is not retried");
    }

    @Test
    void otherErrorCodes() {
        discord.reply(Reply.json(404, "{\"code\":10062,\"message\":\"Unknown interaction\"}"));
        discord.reply(Reply.json(401, "{\"code\":50027,\"message\":\"Invalid Webhook Token\"}"));
        assertTrue(assertThrows(DiscordApiException.class,
                () -> client.respond("1", TOKEN, PONG)).isUnknownInteraction());
        assertTrue(assertThrows(DiscordApiException.class,
                () -> client.editOriginal("2", TOKEN, JsonNodeFactory.instance.objectNode())).isInvalidWebhookToken());
    }

    @Test
    void rateLimitedThenSucceeds() {
        discord.reply(new Reply(429, Map.of("Content-Type", "application/json", "Retry-After", "1"),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":0.05,\"global\":false}"));
        discord.reply(Reply.json(204, ""));
        client.respond("111", TOKEN, PONG);

        assertEquals(2, discord.received.size(), "retried after 429");
        assertEquals(1.0, registry.get("guildflow.discord.rate_limited").counter().count());
        assertEquals(1, registry.get("guildflow.discord.requests").tag("status", "429").timer().count());
        assertEquals(1, registry.get("guildflow.discord.requests").tag("status", "204").timer().count());
    }

    @Test
    void rateLimitLongerThanCapFailsFast() {
        discord.reply(Reply.json(429, "{\"message\":\"slow down\",\"retry_after\":30.0,\"global\":false}"));
        DiscordApiException e = assertThrows(DiscordApiException.class, () -> client.get("guilds/5/channels"));
        assertTrue(e.isRateLimited());
        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
        assertEquals(1, discord.received.size());

        // the bucket is now known to be empty: the next call fails locally without a request
        DiscordApiException local = assertThrows(DiscordApiException.class, () -> client.get("guilds/5/channels"));
        assertTrue(local.isRateLimited());
        assertEquals(1, discord.received.size(), "no second 429 provoked");
        // other major parameter, other bucket
        client.get("guilds/6/channels");
        assertEquals(2, discord.received.size());
    }

    @Test
    void rateLimitRetriesAreBounded() {
        for (int i = 0; i < 5; i++) {
            discord.reply(Reply.json(429, "{\"retry_after\":0.01}"));
        }
        assertThrows(DiscordApiException.class, () -> client.get("applications/@me"));
        assertEquals(RetryPolicy.MAX_ATTEMPTS, discord.received.size());
    }

    @Test
    void exhaustedBucketHeaderMakesNextRequestWait() {
        discord.reply(new Reply(200, Map.of("Content-Type", "application/json",
                "X-RateLimit-Remaining", "0", "X-RateLimit-Reset-After", "0.05"), "{}"));
        discord.reply(Reply.json(200, "{}"));
        client.get("channels/3/messages");
        client.get("channels/3/messages"); // waits ~50 ms locally, then succeeds
        assertEquals(2, discord.received.size());
        assertEquals(0.0, registry.find("guildflow.discord.rate_limited").counters().stream()
                .mapToDouble(c -> c.count()).sum(), "no 429 was needed");
    }

    @Test
    void aGlobal429HoldsBotRoutesButNotInteractions() {
        discord.reply(new Reply(429, Map.of("Content-Type", "application/json", "X-RateLimit-Global", "true"),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":30.0,\"global\":true}"));
        assertThrows(DiscordApiException.class, () -> client.get("applications/@me"));
        DiscordApiException held = assertThrows(DiscordApiException.class, () -> client.get("guilds/9/channels"));
        assertTrue(held.isRateLimited(), "another bot route waits for the global reset, without a request");
        assertEquals(1, discord.received.size());
        discord.reply(Reply.json(204, ""));
        client.respond("111", TOKEN, PONG);
        assertEquals(2, discord.received.size(), "an interaction callback is exempt from the global limit");
    }

    @Test
    void serverErrorRetriedForIdempotentNotForPost() {
        discord.reply(Reply.json(502, "<html>bad gateway</html>"));
        discord.reply(Reply.json(200, "{\"id\":\"1\"}"));
        assertEquals("1", client.get("applications/@me").get("id").asText());
        assertEquals(2, discord.received.size());

        discord.reply(Reply.json(500, "{\"message\":\"oops\",\"code\":0}"));
        DiscordApiException e = assertThrows(DiscordApiException.class,
                () -> client.followUp("2", TOKEN, JsonNodeFactory.instance.objectNode().put("content", "x")));
        assertEquals(500, e.status());
        assertEquals(3, discord.received.size(), "follow-up POST not retried: a duplicate would be visible");
    }

    @Test
    void callbackRetriedOnceAndReports40060AfterRetry() {
        discord.reply(Reply.json(503, "upstream connect error"));
        discord.reply(Reply.json(400, ALREADY_ACKED));
        DiscordApiException e = assertThrows(DiscordApiException.class,
                () -> client.respond("111", TOKEN, ResponseEncoder.encode(Response.reply("hi")).callback()));
        assertTrue(e.isAlreadyAcknowledged());
        assertTrue(e.afterRetry(), "caller can tell our first attempt probably went through");
        assertEquals(2, discord.received.size());
    }

    @Test
    void metricsUseTemplateNeverToken() {
        discord.reply(Reply.json(204, ""));
        client.respond("111", TOKEN, PONG);
        Meter.Id id = registry.get("guildflow.discord.requests").timer().getId();
        assertEquals("interactions/{id}/{token}/callback", id.getTag("route"));
        assertEquals("POST", id.getTag("method"));
        assertEquals("204", id.getTag("status"));
        for (Meter m : registry.getMeters()) {
            assertFalse(m.getId().toString().contains(TOKEN), m.getId().toString());
            assertFalse(m.getId().toString().contains(BOT_TOKEN), m.getId().toString());
        }
    }

    @Test
    void connectionRefusedIsTransportErrorWithoutToken() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (DiscordRestClient dead = new DiscordRestClient(
                URI.create("http://127.0.0.1:" + closedPort + "/api/v10"), BOT_TOKEN, registry)) {
            DiscordTransportException e = assertThrows(DiscordTransportException.class,
                    () -> dead.respond("111", TOKEN, PONG));
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            assertNull(e.getCause(), "cause could carry the URL with the token");
            assertNotNull(e.failure());
            assertEquals(RetryPolicy.MAX_ATTEMPTS,
                    registry.get("guildflow.discord.requests").tag("status", "io_error").timer().count(),
                    "nothing was sent, so every attempt may retry");
        }
    }

    @Test
    void apiBaseWithTrailingSlash() throws Exception {
        try (DiscordRestClient slash = new DiscordRestClient(URI.create(discord.apiBase() + "/"), BOT_TOKEN, registry)) {
            slash.get("applications/@me");
        }
        assertEquals("/api/v10/applications/@me", discord.received.get(0).rawPath());
    }
}
