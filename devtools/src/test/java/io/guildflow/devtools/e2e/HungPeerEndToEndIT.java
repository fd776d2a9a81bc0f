package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.AnsweredOnce;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A worker process frozen with SIGSTOP while it holds interactions (its NATS and PostgreSQL
 * connections stay open): the other worker handles them after ACK_WAIT, each once; the gateway's
 * guard has acknowledged them within 3 s meanwhile. After SIGCONT nothing is answered twice.
 */
class HungPeerEndToEndIT {
    private static final int INTERACTIONS = 150;
    private static final Predicate<InteractionRecord> PONG = AnsweredOnce.contentStartingWith("pong");

    @Test
    void interactionsHeldByAFrozenWorkerAreHandledOnceByAnother() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("hung");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start()) {
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
                    for (InteractionRecord record : AnsweredOnce.awaitAcrossFreezes(emulator, sent, Duration.ofSeconds(60), PONG)) {
                        assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                                "acknowledged after " + record.acknowledgementLatency() + ": " + record);
                    }
                    frozen.thaw();
                    Thread.sleep(3_000); // room for the thawed worker to send a wrong second answer
                    // A worker frozen after marking an answer sent but before sending it: the other worker's redelivery
                    // answers, and the thawed worker sends the same answer again, an identical edit the user never
                    // sees (AnsweredOnce.awaitAcrossFreezes). One frozen after Discord took it: the redelivery reads
                    // @original first and sends nothing.
                    long deferredByTheGuard = AnsweredOnce.awaitAcrossFreezes(emulator, sent, Duration.ofSeconds(1), PONG).stream()
                            .filter(record -> record.acknowledgementType() == 5).count();
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
