package io.guildflow.testkit.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.gateway.SessionInfo;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.GatewayFrame;
import io.guildflow.testkit.recording.InteractionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JDA recovers from RECONNECT, INVALID_SESSION and dropped connections; RESUME replays what was missed and no
 * interaction reaches the handler twice. The emulator clock is frozen so JDA's reconnect back-off cannot make a
 * replayed interaction late.
 */
class ResilienceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ScriptedBot bot = new ScriptedBot();
    private final TestClock clock = TestClock.frozen(Instant.now());
    private DiscordEmulator emu;
    private JDA jda;
    private EmulatedGuild guild;

    @BeforeEach
    void connect() {
        emu = DiscordEmulator.builder().clock(clock).globalRateLimit(0).commands("ping").build().start();
        jda = JdaHarness.connect(emu, bot);
        guild = emu.guild(0);
    }

    @AfterEach
    void disconnect() {
        JdaHarness.shutdown(jda);
        emu.close();
    }

    private DispatchedInteraction ping(int n) {
        return emu.slashCommand(guild, guild.members().get(n % guild.members().size()), "ping", Map.of());
    }

    /** Each interaction answered exactly once, seen once by the handler. */
    private void assertAnsweredOnce(List<DispatchedInteraction> sent) {
        for (DispatchedInteraction i : sent) {
            InteractionRecord r = emu.awaitResponse(i.id(), WAIT);
            assertEquals("pong", r.content());
            assertEquals(1, r.acceptedAcknowledgements());
            assertEquals(0, r.refusedAcknowledgements(), () -> "refusals of " + r);
            assertEquals(1, bot.count(i.id()), "handler invocations for " + i.id());
        }
    }

    private String onlySessionId() {
        List<SessionInfo> s = emu.awaitSessions(1, WAIT);
        return s.get(0).sessionId();
    }

    @Test
    void reconnectOpcodeLeadsToResume() {
        String before = onlySessionId();
        List<DispatchedInteraction> sent = new ArrayList<>(List.of(ping(0)));
        emu.awaitResponse(sent.get(0).id(), WAIT);
        emu.triggerReconnect(0);
        sent.add(ping(1));
        sent.add(ping(2));
        emu.awaitResumed(0, 1, WAIT);
        sent.add(ping(3));
        assertAnsweredOnce(sent);
        assertEquals(before, onlySessionId());
        assertTrue(emu.gatewayFrames().stream().anyMatch(f -> f.op() == 7));
        // JDA closed the old connection itself and resumed at the resume_gateway_url (RESUME works nowhere else)
        assertFalse(emu.gatewayFrames().stream().anyMatch(f -> f.direction() == GatewayFrame.Direction.SENT
                && "CLOSE 4000".equals(f.t())), "the emulator had to close the connection JDA kept after op 7");
    }

    @Test
    void droppedConnectionResumesAndReplaysMissedDispatches() {
        String before = onlySessionId();
        emu.dropConnections(0);
        // dispatched while JDA is disconnected: buffered by the session and replayed on RESUME
        List<DispatchedInteraction> sent = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            sent.add(ping(n));
        }
        emu.awaitResumed(0, 1, WAIT);
        sent.add(ping(5));
        assertAnsweredOnce(sent);
        assertEquals(before, onlySessionId());
        long replayed = emu.gatewayFrames().stream()
                .filter(f -> f.direction() == GatewayFrame.Direction.SENT && "INTERACTION_CREATE".equals(f.t()))
                .count();
        assertTrue(replayed >= 6, "INTERACTION_CREATE frames sent (incl. replays): " + replayed);
    }

    @Test
    void resumableInvalidSessionResumes() {
        String before = onlySessionId();
        emu.triggerInvalidSession(0, true);
        emu.awaitResumed(0, 1, WAIT);
        assertAnsweredOnce(List.of(ping(0)));
        assertEquals(before, onlySessionId());
    }

    @Test
    void nonResumableInvalidSessionIdentifiesAgain() {
        String before = onlySessionId();
        // the new IDENTIFY is in the same max_concurrency bucket: on the frozen clock it needs 5 s to pass
        clock.advance(Duration.ofSeconds(5));
        emu.triggerInvalidSession(0, false);
        emu.awaitCondition(() -> emu.connectedSessions().stream().anyMatch(s -> !s.sessionId().equals(before)),
                WAIT);
        String after = onlySessionId();
        assertNotEquals(before, after);
        long identifies = emu.gatewayFrames().stream()
                .filter(f -> f.direction() == GatewayFrame.Direction.RECEIVED && f.op() == 2)
                .count();
        assertEquals(2, identifies);
        // JDA needs the new session's GUILD_CREATEs before it handles guild interactions again
        emu.awaitCondition(() -> jda.getStatus() == JDA.Status.CONNECTED, WAIT);
        assertAnsweredOnce(List.of(ping(0)));
    }
}
