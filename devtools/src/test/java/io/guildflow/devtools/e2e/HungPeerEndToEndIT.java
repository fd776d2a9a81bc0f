package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.e2e.IsolatedEnvironment;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A worker process frozen with SIGSTOP while it holds interactions (its NATS and PostgreSQL
 * connections stay open): the other worker handles them after ACK_WAIT, each once; the gateway's
 * guard has acknowledged them within 3 s meanwhile. After SIGCONT nothing is answered twice.
 */
class HungPeerEndToEndIT {
    private static final int INTERACTIONS = 150;

    @Test
    void interactionsHeldByAFrozenWorkerAreHandledOnceByAnother() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("hung");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(2).commands("ping").build().start()) {
            Map<String, String> settings = new HashMap<>(environment.settings());
            settings.put("ACK_WAIT", "4s");
            Map<String, String> workerEnv = new HashMap<>(settings);
            workerEnv.putAll(Map.of("BOT_MODE", "worker", "DISCORD_API_URL", emulator.apiUrl()));
            try (JarProcess frozen = JarProcess.run(workerEnv); JarProcess healthy = JarProcess.run(workerEnv)) {
                frozen.awaitReady(Duration.ofSeconds(90));
                healthy.awaitReady(Duration.ofSeconds(90));
                try (LocalCluster gateway = LocalCluster.start(emulator, settings, 0,
                        HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()))) {
                    gateway.awaitReady(Duration.ofSeconds(30));
                    List<DispatchedInteraction> sent = new ArrayList<>();
                    for (int i = 0; i < INTERACTIONS; i++) {
                        EmulatedGuild guild = emulator.guild(i % 2);
                        sent.add(emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of()));
                        if (i == 79) {
                            frozen.freeze(); // right after a burst: it holds some of it
                        } else if (i < 50 || i > 79) {
                            Thread.sleep(20);
                        }
                    }
                    for (DispatchedInteraction interaction : sent) {
                        InteractionRecord record = emulator.awaitResponse(interaction.id(), Duration.ofSeconds(60));
                        assertTrue(record.content().startsWith("pong"), record.toString());
                        assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                                "acknowledged after " + record.acknowledgementLatency() + ": " + record);
                    }
                    frozen.thaw();
                    Thread.sleep(3_000); // room for the thawed worker to send a wrong second answer
                    int deferredByTheGuard = 0;
                    for (DispatchedInteraction interaction : sent) {
                        InteractionRecord record = emulator.interaction(interaction.id());
                        assertEquals(1, record.acceptedAcknowledgements(), record.toString());
                        // A worker frozen in the middle of sending may have reached Discord without recording
                        // it: the other worker then sends the same stored answer, an identical edit.
                        assertTrue(record.edits() <= 2, record.toString());
                        assertTrue(record.content().startsWith("pong"), record.toString());
                        record.refusals().forEach(refusal -> assertEquals(40060, refusal.code(), record.toString()));
                        if (record.acknowledgementType() == 5) {
                            deferredByTheGuard++;
                        }
                    }
                    assertEquals(INTERACTIONS, environment.count(
                            "SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
                    assertTrue(deferredByTheGuard > 0, "the freeze caught interactions in the worker's hands");
                    System.out.println("hung peer: " + deferredByTheGuard + " of " + INTERACTIONS
                            + " deferred by the guard (the frozen worker held some), then answered");
                }
            }
        }
    }
}
