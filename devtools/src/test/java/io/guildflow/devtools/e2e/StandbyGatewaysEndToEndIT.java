package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.AnsweredOnce;
import io.guildflow.testsupport.load.LoadGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Two gateways holding the same shard (processes), as every deployment form runs them. With every worker down, both
 * receive every interaction and agree on one acknowledgement each, the gateway whose publish JetStream stored first
 * sending it in time, so Discord refuses none (no 40060); workers started afterwards turn each deferral into the real
 * answer by editing it, once. Then one gateway is SIGKILLed in the middle of steady traffic: the other already holds
 * the shard, so every interaction is still acknowledged within 3 s and answered once.
 */
class StandbyGatewaysEndToEndIT {
    private static final int GUARDED = 50;
    private static final int TRAFFIC = 500;
    private static final double PER_SECOND = 50;
    private static final Duration DISCORD_WINDOW = Duration.ofSeconds(3);
    private static final Predicate<InteractionRecord> PONG = AnsweredOnce.contentStartingWith("pong");

    @Test
    void twoGatewaysAcknowledgeEachInteractionOnceAndOneOfThemMayDieAtAnyMoment() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("standby");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start()) {
            Map<String, String> gatewayEnv = JarProcess.gatewaySettings(emulator, environment);
            try (JarProcess doomed = JarProcess.run(gatewayEnv);
                 JarProcess survivor = JarProcess.run(gatewayEnv)) {
                doomed.awaitReady(Duration.ofSeconds(90));
                survivor.awaitReady(Duration.ofSeconds(90));
                assertEquals(2, emulator.readySessions(0).size(), "both gateways hold the shard");

                List<DispatchedInteraction> guarded = GuardedPings.send(emulator, GUARDED, 20);
                GuardedPings.assertDeferredInTime(emulator, guarded);
                Thread.sleep(1_000); // past the standing-by gateway's later deadline: a second attempt would show
                for (DispatchedInteraction interaction : guarded) {
                    InteractionRecord record = emulator.interaction(interaction.id());
                    assertEquals(1, record.acceptedAcknowledgements(), "acknowledged once: " + record);
                    assertTrue(record.refusals().isEmpty(), "one attempt, no 40060: " + record);
                }

                Map<String, String> workerEnv = JarProcess.workerSettings(emulator, environment);
                try (JarProcess worker1 = JarProcess.run(workerEnv);
                     JarProcess worker2 = JarProcess.run(workerEnv)) {
                    worker1.awaitReady(Duration.ofSeconds(90));
                    worker2.awaitReady(Duration.ofSeconds(90));
                    GuardedPings.assertEachAnsweredOnceByAnEdit(emulator, guarded);

                    CompletableFuture<Void> killed = new CompletableFuture<>();
                    AtomicInteger dispatched = new AtomicInteger();
                    List<DispatchedInteraction> traffic = new LoadGenerator(emulator).run("ping", TRAFFIC, PER_SECOND,
                            i -> Map.of(), sent -> {
                                if (dispatched.incrementAndGet() == TRAFFIC / 2) {
                                    killed.complete(null); // off the generator's thread: its schedule stays steady
                                    CompletableFuture.runAsync(() -> sigkill(doomed));
                                }
                            });
                    assertTrue(killed.isDone(), "a gateway was killed during the traffic");
                    assertEachAcknowledgedInTimeAndAnsweredOnce(emulator, traffic);
                    assertEquals(GUARDED + TRAFFIC,
                            environment.count("SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
                }
            }
        }
    }

    private static void sigkill(JarProcess gateway) {
        try {
            gateway.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertEachAcknowledgedInTimeAndAnsweredOnce(DiscordEmulator emulator,
            List<DispatchedInteraction> sent) throws InterruptedException {
        for (InteractionRecord record : AnsweredOnce.await(emulator, sent, Duration.ofSeconds(30), PONG)) {
            assertTrue(record.acknowledgementLatency().compareTo(DISCORD_WINDOW) < 0,
                    "acknowledged after " + record.acknowledgementLatency() + ": " + record);
        }
        Thread.sleep(1_000); // room for a wrong second answer to show up
        AnsweredOnce.recheck(emulator, sent, PONG);
    }
}
