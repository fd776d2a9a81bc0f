package io.guildflow.testkit.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DiscordEmulatorBuilder;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.model.EmulatedGuild;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-connection gateway rules with a bare client: heartbeats, send rate, payload size, intents, URLs, op 7. */
class GatewayLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final TestClock clock = TestClock.ticking();
    private DiscordEmulator emu;

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    private DiscordEmulator start(UnaryOperator<DiscordEmulatorBuilder> config) {
        emu = config.apply(DiscordEmulator.builder().clock(clock).usersPerGuild(4).commands("ping")).build().start();
        return emu;
    }

    private RawGatewayClient ready(long intents) throws InterruptedException {
        clock.advance(Duration.ofSeconds(5)); // each IDENTIFY in its own max_concurrency window
        RawGatewayClient c = new RawGatewayClient(emu.gatewayUrl());
        c.identify(emu.token(), 0, 1, intents);
        c.nextDispatch("READY", WAIT);
        return c;
    }

    private static int closeCode(RawGatewayClient c) throws Exception {
        return c.closeCode.get(5, TimeUnit.SECONDS);
    }

    /** Skips frames until one with {@code op} arrives. */
    private static JsonNode nextOp(RawGatewayClient c, int op) throws InterruptedException {
        JsonNode f = c.next(WAIT);
        while (f.path("op").asInt() != op) {
            f = c.next(WAIT);
        }
        return f;
    }

    /** Frames until the next non-dispatch frame (op != 0), as a list of "op/t". */
    private static String skipHello(RawGatewayClient c) throws InterruptedException {
        JsonNode f = c.next(WAIT);
        while (f.path("op").asInt() == 10) {
            f = c.next(WAIT);
        }
        return f.path("op").asInt() + "/" + f.path("t").asText("");
    }

    @Test
    void aMissedHeartbeatClosesTheConnectionAndTheSessionStaysResumable() throws Exception {
        start(b -> b.heartbeatInterval(Duration.ofMillis(500)));
        RawGatewayClient c = ready(Intents.GUILDS);
        assertEquals(500, emu.gatewayFrames().stream().filter(f -> f.op() == 10).findFirst().map(f -> f.payload())
                .map(p -> p.replaceAll(".*\"heartbeat_interval\":(\\d+).*", "$1")).map(Integer::parseInt).orElseThrow());
        assertEquals(4009, closeCode(c));
        emu.awaitCondition(() -> emu.connectedSessions().isEmpty(), WAIT);
        SessionInfo session = emu.sessions().get(0);
        RawGatewayClient back = new RawGatewayClient(emu.resumeGatewayUrl());
        back.send("{\"op\":6,\"d\":{\"token\":\"" + emu.token() + "\",\"session_id\":\"" + session.sessionId()
                + "\",\"seq\":" + session.sequence() + "}}");
        assertEquals("RESUMED", back.nextDispatch("RESUMED", WAIT).path("t").asText());
    }

    @Test
    void heartbeatsKeepTheConnectionOpen() throws Exception {
        // beats every 250 ms against a 1.5 s deadline: a loaded machine may stall a beat by a second and pass
        start(b -> b.heartbeatInterval(Duration.ofSeconds(1)));
        RawGatewayClient c = ready(Intents.GUILDS);
        for (int n = 0; n < 12; n++) {
            c.send("{\"op\":1,\"d\":null}");
            Thread.sleep(250);
        }
        assertFalse(c.closeCode.isDone());
        assertEquals(1, emu.connectedSessions().size());
    }

    @Test
    void the121stPayloadWithinAMinuteClosesWith4008() throws Exception {
        start(b -> b);
        RawGatewayClient c = ready(Intents.GUILDS);
        for (int n = 0; n < 119; n++) { // IDENTIFY was the first of 120
            c.send("{\"op\":1,\"d\":null}");
        }
        assertFalse(c.closeCode.isDone());
        c.send("{\"op\":1,\"d\":null}");
        assertEquals(4008, closeCode(c));
    }

    @Test
    void aPayloadOver4096BytesClosesWith4002() throws Exception {
        start(b -> b);
        RawGatewayClient c = ready(Intents.GUILDS);
        // 1,400 three-byte characters: 4,200 bytes in only 1,400 chars
        c.send("{\"op\":3,\"d\":{\"since\":null,\"activities\":[{\"name\":\"" + "€".repeat(1400)
                + "\",\"type\":0}],\"status\":\"online\",\"afk\":false}}");
        assertEquals(4002, closeCode(c));
        RawGatewayClient fine = ready(Intents.GUILDS);
        fine.send("{\"op\":3,\"d\":{\"since\":null,\"activities\":[{\"name\":\"" + "e".repeat(3900)
                + "\",\"type\":0}],\"status\":\"online\",\"afk\":false}}");
        fine.send("{\"op\":1,\"d\":null}");
        nextOp(fine, 11);
        assertFalse(fine.closeCode.isDone());
    }

    @Test
    void invalidAndDisallowedIntentsCloseWith4013And4014() throws Exception {
        start(b -> b.privilegedIntents(Intents.GUILD_PRESENCES));
        RawGatewayClient invalid = new RawGatewayClient(emu.gatewayUrl());
        invalid.identify(emu.token(), 0, 1, 1L << 18);
        assertEquals(4013, closeCode(invalid));
        RawGatewayClient missing = new RawGatewayClient(emu.gatewayUrl());
        missing.send("{\"op\":2,\"d\":{\"token\":\"" + emu.token() + "\",\"properties\":{}}}");
        assertEquals(4013, closeCode(missing));
        RawGatewayClient disallowed = new RawGatewayClient(emu.gatewayUrl());
        disallowed.identify(emu.token(), 0, 1, Intents.GUILDS | Intents.MESSAGE_CONTENT);
        assertEquals(4014, closeCode(disallowed));
        assertTrue(emu.identifies().isEmpty(), "refused before it counts as a session start");
        RawGatewayClient allowed = new RawGatewayClient(emu.gatewayUrl());
        allowed.identify(emu.token(), 0, 1, Intents.GUILDS | Intents.GUILD_PRESENCES);
        JsonNode guild = allowed.nextDispatch("GUILD_CREATE", WAIT).path("d");
        assertEquals(5, guild.path("members").size(), "with GUILD_PRESENCES every member is listed");
    }

    @Test
    void intentsDecideWhatIsSent() throws Exception {
        start(b -> b);
        RawGatewayClient none = ready(0);
        EmulatedGuild g = emu.guild(0);
        DispatchedInteraction i = emu.slashCommand(g, g.members().get(0), "ping", Map.of());
        JsonNode next = none.next(WAIT);
        assertEquals("INTERACTION_CREATE", next.path("t").asText(), "no GUILD_CREATE without GUILDS");
        assertEquals(i.id(), next.path("d").path("id").asText());

        RawGatewayClient guilds = ready(Intents.GUILDS);
        JsonNode created = guilds.nextDispatch("GUILD_CREATE", WAIT).path("d");
        assertEquals(1, created.path("members").size(), "only the bot's member without GUILD_PRESENCES");
        assertEquals(emu.botUser().id(), created.path("members").get(0).path("user").path("id").asText());
        assertEquals(5, created.path("member_count").asInt());
        // the whole member list needs GUILD_MEMBERS: not answered; by user id it is
        guilds.send("{\"op\":8,\"d\":{\"guild_id\":\"" + g.id() + "\",\"query\":\"\",\"limit\":0}}");
        guilds.send("{\"op\":1,\"d\":null}");
        assertEquals(11, guilds.next(WAIT).path("op").asInt());
        guilds.send("{\"op\":8,\"d\":{\"guild_id\":\"" + g.id() + "\",\"user_ids\":[\""
                + g.members().get(2).id() + "\",\"1\"]}}");
        JsonNode chunk = guilds.nextDispatch("GUILD_MEMBERS_CHUNK", WAIT).path("d");
        assertEquals(1, chunk.path("members").size());
        assertEquals("1", chunk.path("not_found").get(0).asText());
    }

    @Test
    void resumeOnlyOnTheResumeUrlAndIdentifyNeverThere() throws Exception {
        start(b -> b);
        RawGatewayClient c = ready(Intents.GUILDS);
        SessionInfo session = emu.awaitSessions(1, WAIT).get(0);
        c.abort();
        emu.awaitCondition(() -> emu.connectedSessions().isEmpty(), WAIT);
        String resume = "{\"op\":6,\"d\":{\"token\":\"" + emu.token() + "\",\"session_id\":\"" + session.sessionId()
                + "\",\"seq\":" + session.sequence() + "}}";
        RawGatewayClient wrongUrl = new RawGatewayClient(emu.gatewayUrl());
        wrongUrl.send(resume);
        assertEquals("9/", skipHello(wrongUrl));
        clock.advance(Duration.ofSeconds(5));
        RawGatewayClient identifyOnResumeUrl = new RawGatewayClient(emu.resumeGatewayUrl());
        identifyOnResumeUrl.identify(emu.token(), 0, 1, Intents.GUILDS);
        assertEquals("9/", skipHello(identifyOnResumeUrl));
        assertEquals(0, emu.identifies().stream().filter(r -> r.at().isAfter(emu.identifies().get(0).at())).count());
        RawGatewayClient right = new RawGatewayClient(emu.resumeGatewayUrl());
        right.send(resume);
        right.nextDispatch("RESUMED", WAIT);
        assertEquals(1, emu.connectedSessions().get(0).resumes());
    }

    @Test
    void aConnectionKeptAfterReconnectIsClosedAfterTheGracePeriod() throws Exception {
        start(b -> b.reconnectGrace(Duration.ofMillis(300)));
        RawGatewayClient c = ready(Intents.GUILDS);
        emu.triggerReconnect(0);
        nextOp(c, 7);
        assertEquals(4000, closeCode(c));
        emu.awaitCondition(() -> emu.connectedSessions().isEmpty(), WAIT);
        assertEquals(1, emu.sessions().size(), "the session stays resumable");
    }

    @Test
    void aClientClosingWith1000EndsItsSession() throws Exception {
        start(b -> b);
        RawGatewayClient c = ready(Intents.GUILDS);
        SessionInfo session = emu.awaitSessions(1, WAIT).get(0);
        c.close(1000);
        emu.awaitCondition(() -> emu.sessions().isEmpty(), WAIT);
        RawGatewayClient back = new RawGatewayClient(emu.resumeGatewayUrl());
        back.send("{\"op\":6,\"d\":{\"token\":\"" + emu.token() + "\",\"session_id\":\"" + session.sessionId()
                + "\",\"seq\":" + session.sequence() + "}}");
        assertEquals("9/", skipHello(back));
    }
}
