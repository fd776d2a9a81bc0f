package io.guildflow.testkit.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.recording.GatewayFrame;
import java.time.Duration;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real JDA keeps Discord's gateway rules: heartbeats in time, only the intents the app may use. */
class GatewayRulesWithJdaTest {
    private DiscordEmulator emu;
    private JDA jda;

    @AfterEach
    void tearDown() {
        JdaHarness.shutdown(jda, emu);
    }

    private long framesOf(GatewayFrame.Direction direction, int op) {
        return emu.gatewayFrames().stream().filter(f -> f.direction() == direction && f.op() == op).count();
    }

    @Test
    void jdaHeartbeatsWithinTheIntervalSoTheConnectionStays() {
        // JDA beats every 2 s against a 3 s deadline (a stall of a second on a loaded machine still passes)
        emu = DiscordEmulator.builder().heartbeatInterval(Duration.ofSeconds(2)).build().start();
        jda = JdaHarness.connect(emu);
        emu.awaitCondition(() -> framesOf(GatewayFrame.Direction.RECEIVED, 1) >= 4, Duration.ofSeconds(20));
        assertFalse(emu.gatewayFrames().stream().anyMatch(f -> f.direction() == GatewayFrame.Direction.SENT
                && f.t() != null && f.t().startsWith("CLOSE")), "the emulator closed no connection");
        assertEquals(1, emu.connectedSessions().size());
        assertEquals(0, emu.connectedSessions().get(0).resumes());
        assertTrue(jda.getGatewayPing() >= 0);
    }

    @Test
    void aPrivilegedIntentTheAppMayNotUseStopsJdaWith4014() {
        emu = DiscordEmulator.builder().build().start();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> {
            jda = JdaHarness.builder(emu).enableIntents(GatewayIntent.MESSAGE_CONTENT).build();
            jda.awaitReady();
        });
        assertTrue(refused.getMessage().toLowerCase().contains("intent"), refused.getMessage());
        assertTrue(emu.gatewayFrames().stream().anyMatch(f -> f.direction() == GatewayFrame.Direction.SENT
                && "CLOSE 4014".equals(f.t())));
        assertTrue(emu.sessions().isEmpty());
    }

    @Test
    void aPrivilegedIntentTheAppMayUseIsAccepted() throws Exception {
        emu = DiscordEmulator.builder().privilegedIntents(io.guildflow.testkit.gateway.Intents.MESSAGE_CONTENT)
                .build().start();
        jda = JdaHarness.builder(emu).enableIntents(GatewayIntent.MESSAGE_CONTENT).build().awaitReady();
        assertEquals(1, emu.connectedSessions().size());
    }
}
