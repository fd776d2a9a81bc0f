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
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Three worker processes (the packaged jar), two of them killed with SIGKILL during 600
 * interactions, so their NATS and database connections are cut mid-work: every interaction is
 * still acknowledged exactly once within Discord's 3 s and finally answered, and no answer is sent
 * twice, not even as an identical edit of {@code @original} ({@link AnsweredOnce#awaitAcrossKills}): a
 * redelivery whose answer Discord took before the killed worker recorded it reads first and sends nothing.
 */
class WorkerCrashEndToEndIT {
    private static final int INTERACTIONS = 600;
    private static final Predicate<InteractionRecord> PONG = AnsweredOnce.contentStartingWith("pong");

    @Test
    void twoWorkersKilledMidTrafficCostNoInteraction() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("crash");
             DiscordEmulator emulator = BotCommands.emulator().guilds(3).commands("ping").build().start()) {
            Map<String, String> workerEnv = JarProcess.workerSettings(emulator, environment);
            try (JarProcess first = JarProcess.run(workerEnv);
                 JarProcess second = JarProcess.run(workerEnv);
                 JarProcess third = JarProcess.run(workerEnv)) {
                first.awaitReady(Duration.ofSeconds(90));
                second.awaitReady(Duration.ofSeconds(90));
                third.awaitReady(Duration.ofSeconds(90));
                try (LocalCluster gateway = LocalCluster.start(emulator, environment.settings(), 0,
                        HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()))) {
                    gateway.awaitReady(Duration.ofSeconds(30));

                    List<DispatchedInteraction> sent = new ArrayList<>();
                    for (int i = 0; i < INTERACTIONS; i++) {
                        EmulatedGuild guild = emulator.guild(i % 3);
                        sent.add(emulator.slashCommand(guild, guild.members().get(i % guild.members().size()),
                                "ping", Map.of()));
                        // A burst before each kill, so the dying worker holds interactions mid-work.
                        boolean burst = (i % 200) >= 170 && (i % 200) < 200;
                        if (i == 199) {
                            first.kill();
                        } else if (i == 399) {
                            second.kill();
                        } else if (!burst) {
                            Thread.sleep(20);
                        }
                    }

                    for (InteractionRecord record : AnsweredOnce.awaitAcrossKills(emulator, sent, Duration.ofSeconds(60), PONG)) {
                        assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                                "acknowledged after " + record.acknowledgementLatency() + ": " + record);
                    }
                    Thread.sleep(1_000); // room for a wrong second answer to show up
                    long deferredByTheGuard = AnsweredOnce.awaitAcrossKills(emulator, sent, Duration.ofSeconds(1), PONG).stream()
                            .filter(record -> record.acknowledgementType() == 5).count();
                    assertEquals(INTERACTIONS, environment.count(
                            "SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
                    assertTrue(deferredByTheGuard > 0, "the kills caught interactions mid-work");
                    // a redelivery of an answer whose send was not recorded reads @original before it writes
                    int readFirst = emulator.restCalls("GET", "/webhooks/{webhook.id}/{webhook.token}/messages/@original")
                            .size();
                    System.out.println("worker crash: " + deferredByTheGuard + " of " + INTERACTIONS
                            + " deferred by the guard, then edited; " + readFirst + " redeliveries read @original first");
                }
            }
        }
    }
}
