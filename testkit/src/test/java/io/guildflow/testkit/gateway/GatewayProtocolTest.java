package io.guildflow.testkit.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.Snowflakes;
import io.guildflow.testkit.recording.GatewayFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway protocol with a bare WebSocket client: identify, shards, heartbeat, resume, several sessions. */
class GatewayProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private DiscordEmulator emu;

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    @Test
    void wrongTokenIsClosedWith4004() throws Exception {
        emu = DiscordEmulator.builder().build().start();
        RawGatewayClient c = new RawGatewayClient(emu.gatewayUrl());
        assertEquals(10, c.next(WAIT).path("op").asInt());
        c.identify("not-the-token", 0, 1);
        assertEquals(4004, c.closeCode.get(5, TimeUnit.SECONDS));
        assertEquals(0, emu.sessions().size());
    }

    @Test
    void helloHeartbeatAndShardedGuildCreates() throws Exception {
        emu = DiscordEmulator.builder().guilds(4).build().start();
        RawGatewayClient c = new RawGatewayClient(emu.gatewayUrl());
        JsonNode hello = c.next(WAIT);
        assertEquals(10, hello.path("op").asInt());
        assertTrue(hello.path("d").path("heartbeat_interval").asInt() > 0);
        c.identify(emu.token(), 1, 2, Intents.GUILDS);
        JsonNode ready = c.nextDispatch("READY", WAIT);
        assertEquals(1, ready.path("s").asInt());
        assertEquals(1, ready.path("d").path("shard").get(0).asInt());
        assertEquals(emu.resumeGatewayUrl(), ready.path("d").path("resume_gateway_url").asText());
        Set<String> got = new HashSet<>();
        got.add(c.nextDispatch("GUILD_CREATE", WAIT).path("d").path("id").asText());
        got.add(c.nextDispatch("GUILD_CREATE", WAIT).path("d").path("id").asText());
        Set<String> expected = new HashSet<>();
        for (EmulatedGuild g : emu.guilds()) {
            if (Snowflakes.shardOf(Long.parseUnsignedLong(g.id()), 2) == 1) {
                expected.add(g.id());
            }
        }
        assertEquals(2, expected.size(), "4 guilds spread over 2 shards");
        assertEquals(expected, got);
        c.send("{\"op\":1,\"d\":3}");
        assertEquals(11, c.next(WAIT).path("op").asInt());
    }

    @Test
    void resumeReplaysMissedDispatchesThenResumed() throws Exception {
        emu = DiscordEmulator.builder().commands("ping").build().start();
        RawGatewayClient first = new RawGatewayClient(emu.gatewayUrl());
        first.identify(emu.token(), 0, 1, Intents.GUILDS);
        JsonNode ready = first.nextDispatch("READY", WAIT);
        JsonNode guildCreate = first.nextDispatch("GUILD_CREATE", WAIT);
        String sessionId = ready.path("d").path("session_id").asText();
        long seq = guildCreate.path("s").asLong();
        first.abort();
        emu.awaitCondition(() -> emu.connectedSessions().isEmpty(), WAIT);

        EmulatedGuild g = emu.guild(0);
        DispatchedInteraction a = emu.slashCommand(g, g.members().get(0), "ping", Map.of());
        DispatchedInteraction b = emu.slashCommand(g, g.members().get(1), "ping", Map.of());

        RawGatewayClient second = new RawGatewayClient(emu.resumeGatewayUrl());
        second.send("{\"op\":6,\"d\":{\"token\":\"" + emu.token() + "\",\"session_id\":\"" + sessionId
                + "\",\"seq\":" + seq + "}}");
        JsonNode r1 = second.nextDispatch("INTERACTION_CREATE", WAIT);
        JsonNode r2 = second.nextDispatch("INTERACTION_CREATE", WAIT);
        assertEquals(a.id(), r1.path("d").path("id").asText());
        assertEquals(b.id(), r2.path("d").path("id").asText());
        assertEquals(seq + 1, r1.path("s").asLong());
        JsonNode resumed = second.nextDispatch("RESUMED", WAIT);
        assertEquals(seq + 3, resumed.path("s").asLong());
        assertEquals(1, emu.sessions().get(0).resumes());
        assertTrue(emu.gatewayFrames().stream()
                .anyMatch(f -> f.direction() == GatewayFrame.Direction.RECEIVED && f.op() == 6));

        RawGatewayClient stranger = new RawGatewayClient(emu.resumeGatewayUrl());
        stranger.send("{\"op\":6,\"d\":{\"token\":\"" + emu.token() + "\",\"session_id\":\"nope\",\"seq\":1}}");
        JsonNode invalid = stranger.next(WAIT);
        while (invalid.path("op").asInt() == 10) {
            invalid = stranger.next(WAIT);
        }
        assertEquals(9, invalid.path("op").asInt());
        assertEquals(false, invalid.path("d").asBoolean());
    }

    @Test
    void severalSessionsOfOneShardEachReceiveItsDispatches() throws Exception {
        TestClock clock = TestClock.ticking();
        emu = DiscordEmulator.builder().clock(clock).commands("ping").build().start();
        RawGatewayClient one = new RawGatewayClient(emu.gatewayUrl());
        RawGatewayClient two = new RawGatewayClient(emu.gatewayUrl());
        one.identify(emu.token(), 0, 1);
        emu.awaitSessions(1, WAIT);
        clock.advance(Duration.ofSeconds(5)); // one IDENTIFY per max_concurrency bucket per 5 s
        two.identify(emu.token(), 0, 1);
        emu.awaitSessions(2, WAIT);
        EmulatedGuild g = emu.guild(0);
        DispatchedInteraction i = emu.slashCommand(g, g.members().get(0), "ping", Map.of());
        assertEquals(2, i.sessionsReached());
        assertEquals(i.id(), one.nextDispatch("INTERACTION_CREATE", WAIT).path("d").path("id").asText());
        assertEquals(i.id(), two.nextDispatch("INTERACTION_CREATE", WAIT).path("d").path("id").asText());
    }

    @Test
    void messageCreateGoesOnlyToSessionsWithTheMessageIntent() throws Exception {
        TestClock clock = TestClock.ticking();
        emu = DiscordEmulator.builder().clock(clock).commands("ping").build().start();
        RawGatewayClient withIntent = new RawGatewayClient(emu.gatewayUrl());
        RawGatewayClient without = new RawGatewayClient(emu.gatewayUrl());
        withIntent.identify(emu.token(), 0, 1, Intents.GUILDS | Intents.GUILD_MESSAGES);
        emu.awaitSessions(1, WAIT);
        clock.advance(Duration.ofSeconds(5));
        without.identify(emu.token(), 0, 1, 0);
        withIntent.nextDispatch("GUILD_CREATE", WAIT);
        without.nextDispatch("READY", WAIT);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest post = HttpRequest.newBuilder(URI.create(emu.apiUrl() + "/channels/"
                        + emu.guild(0).textChannelId() + "/messages"))
                .header("Authorization", "Bot " + emu.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"hello\"}"))
                .build();
        assertEquals(200, http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode());
        JsonNode created = withIntent.nextDispatch("MESSAGE_CREATE", WAIT);
        assertEquals("hello", created.path("d").path("content").asText());
        assertEquals(emu.guild(0).id(), created.path("d").path("guild_id").asText());

        EmulatedGuild g = emu.guild(0);
        DispatchedInteraction i = emu.slashCommand(g, g.members().get(0), "ping", Map.of());
        JsonNode next = without.next(WAIT);
        assertEquals("INTERACTION_CREATE", next.path("t").asText());
        assertEquals(i.id(), next.path("d").path("id").asText());
    }

    @Test
    void requestGuildMembersIsAnsweredWithOneChunk() throws Exception {
        emu = DiscordEmulator.builder().usersPerGuild(4).privilegedIntents(Intents.GUILD_MEMBERS).build().start();
        RawGatewayClient c = new RawGatewayClient(emu.gatewayUrl());
        c.identify(emu.token(), 0, 1, Intents.GUILDS | Intents.GUILD_MEMBERS);
        c.nextDispatch("GUILD_CREATE", WAIT);
        c.send("{\"op\":8,\"d\":{\"guild_id\":\"" + emu.guild(0).id()
                + "\",\"query\":\"\",\"limit\":0,\"nonce\":\"n1\"}}");
        JsonNode chunk = c.nextDispatch("GUILD_MEMBERS_CHUNK", WAIT).path("d");
        assertEquals(5, chunk.path("members").size());
        assertEquals("n1", chunk.path("nonce").asText());
        assertEquals(1, chunk.path("chunk_count").asInt());
    }
}
