package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.discord.ResponseEncoder;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.LoadGenerator;
import io.guildflow.testsupport.load.LoadSummary;
import io.guildflow.testsupport.net.CuttableProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for 10 s under steady traffic, for real processes (the packaged jar: one
 * gateway, two workers whose DATABASE_URL goes through a proxy the test cuts; the shared server is
 * never touched). Both workers report 503 on /ready during the cut and 200 after, without a restart;
 * every interaction, whenever it was sent, is acknowledged within Discord's 3 s (by the gateway's
 * guard while the workers cannot answer) and then answered exactly once; traffic sent once the database is back
 * is answered by the workers themselves, before the guard's deadline, once the outage's backlog is worked off.
 */
class DatabaseOutageEndToEndIT {
    private static final double RATE = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(4);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** The workers' probe reopens pulling within 500 ms; a little more for redelivered backlog to drain. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /**
     * After the outage's last interaction is answered, the time until the guard has seen a fresh one answered in
     * time (one handling) and lets new interactions wait for the workers again. The backlog itself (the outage's
     * ~200 interactions, stream order ahead of new ones) drains at the machine's speed: 2.6 s after the return
     * alone on a 2-core machine, more beside other work; until it has, new interactions are deferred at receipt,
     * which is the guard doing its job, not a late answer.
     */
    private static final Duration CATCH_UP = Duration.ofSeconds(1);
    private static final Duration AFTER = Duration.ofSeconds(6);

    @Test
    void tenSecondsWithoutTheDatabaseCostNoInteractionAndTrafficAfterItIsAnsweredAtOnce() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("dbout");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start();
             CuttableProxy database = IsolatedEnvironment.proxyToDatabase()) {
            Map<String, String> workerEnv = new HashMap<>(JarProcess.workerSettings(emulator, environment));
            workerEnv.put("DATABASE_URL", environment.databaseUrlThrough(database));
            try (JarProcess worker1 = JarProcess.run(workerEnv);
                 JarProcess worker2 = JarProcess.run(workerEnv);
                 JarProcess gateway = JarProcess.run(JarProcess.gatewaySettings(emulator, environment))) {
                worker1.awaitReady(Duration.ofSeconds(90));
                worker2.awaitReady(Duration.ofSeconds(90));
                gateway.awaitReady(Duration.ofSeconds(90));

                int total = (int) (RATE * (WARM_UP.plus(OUTAGE).plus(SETTLE).plus(AFTER)).toSeconds());
                Instant trafficStart = Instant.now();
                CompletableFuture<List<DispatchedInteraction>> traffic = CompletableFuture.supplyAsync(
                        () -> new LoadGenerator(emulator).run("ping", total, RATE, i -> Map.of()));

                Thread.sleep(WARM_UP.toMillis());
                database.cut();
                Instant cutAt = Instant.now();
                boolean worker1Refused = false;
                boolean worker2Refused = false;
                int gatewayNotReady = 0;
                while (Instant.now().isBefore(cutAt.plus(OUTAGE))) {
                    worker1Refused |= worker1.readyStatus() == 503;
                    worker2Refused |= worker2.readyStatus() == 503;
                    gatewayNotReady += gateway.readyStatus() == 200 ? 0 : 1;
                    Thread.sleep(200);
                }
                database.restore();
                Instant restoredAt = Instant.now();
                worker1.awaitReady(Duration.ofSeconds(10));
                worker2.awaitReady(Duration.ofSeconds(10));
                List<DispatchedInteraction> sent = traffic.get(60, TimeUnit.SECONDS);

                assertTrue(worker1Refused, "worker 1's /ready answered 503 during the outage");
                assertTrue(worker2Refused, "worker 2's /ready answered 503 during the outage");
                assertEquals(0, gatewayNotReady, "the gateway needs no database and stays ready");
                assertTrue(sent.get(0).dispatchedAt().isBefore(cutAt) && sent.get(sent.size() - 1).dispatchedAt()
                        .isAfter(restoredAt.plus(SETTLE)), "traffic before, during and after the outage, from "
                        + trafficStart);

                for (DispatchedInteraction interaction : sent) {
                    InteractionRecord record = emulator.awaitResponse(interaction.id(), Duration.ofSeconds(60));
                    assertTrue(record.content().startsWith("pong"), "the answer, not a notice: " + record);
                }
                Thread.sleep(1_000); // room for a wrong second answer to show up
                LoadSummary summary = LoadSummary.of(emulator, idsOf(sent));
                System.out.println("database outage: " + summary.describe());
                assertEquals(sent.size(), summary.answered(), summary.describe());
                assertEquals(sent.size(), summary.answeredWithin3s(), "acknowledged within 3 s: " + summary.describe());
                assertEquals(0, summary.late(), "no 10062: " + summary.describe());
                List<InteractionRecord> answeredTwice = sent.stream().map(i -> emulator.interaction(i.id()))
                        .filter(record -> LoadSummary.of(List.of(record)).duplicates() > 0).toList();
                assertEquals(List.of(), answeredTwice, "none answered twice (cut at " + cutAt + ", back at "
                        + restoredAt + "): " + summary.describe());
                for (DispatchedInteraction interaction : sent) {
                    InteractionRecord record = emulator.interaction(interaction.id());
                    assertEquals(1, record.acceptedAcknowledgements(), record.toString());
                    assertTrue(record.followUps().isEmpty(), "no second message: " + record);
                }
                assertEquals(sent.size(), environment.count(
                        "SELECT count(DISTINCT interaction_id) FROM handled_interactions"));

                long deferredDuringOutage = sent.stream()
                        .filter(i -> i.dispatchedAt().isAfter(cutAt) && i.dispatchedAt().isBefore(restoredAt))
                        .filter(i -> deferred(emulator, i)).count();
                assertTrue(deferredDuringOutage > 0, "the guard stood in while the workers could not answer");
                // Normal latency after the return: the workers answer new traffic themselves, before the guard's
                // deadline; retries of the outage's events must not hold the consumer's pending slots.
                Instant drainedAt = sent.stream().filter(i -> i.dispatchedAt().isBefore(restoredAt))
                        .map(i -> emulator.interaction(i.id()).respondedAt()).max(Instant::compareTo).orElseThrow();
                Instant normalFrom = Collections.max(List.of(restoredAt.plus(SETTLE), drainedAt.plus(CATCH_UP)));
                System.out.println("database outage: backlog answered " + Duration.between(restoredAt, drainedAt)
                        .toMillis() + " ms after the return; normal latency expected from " + Duration.between(
                        restoredAt, normalFrom).toMillis() + " ms after it");
                List<DispatchedInteraction> afterReturn = sent.stream()
                        .filter(i -> i.dispatchedAt().isAfter(normalFrom)).toList();
                List<InteractionRecord> deferredAfterReturn = afterReturn.stream()
                        .filter(i -> deferred(emulator, i)).map(i -> emulator.interaction(i.id())).toList();
                System.out.println("database outage: " + deferredDuringOutage + " deferred by the guard during the cut, "
                        + deferredAfterReturn.size() + " of " + afterReturn.size() + " after the return; before the cut "
                        + LoadSummary.of(emulator, idsOf(sent.stream().filter(i -> i.dispatchedAt().isBefore(cutAt))
                                .toList())).describe() + "; after the return " + LoadSummary.of(emulator,
                                idsOf(afterReturn)).describe());
                // the guard's verdict changes, for the reader of a failure: why it acknowledged at receipt, and when
                gateway.output().lines().filter(line -> line.contains("pipeline behind") || line.contains("caught up"))
                        .forEach(line -> System.out.println("gateway: " + line));
                assertEquals(List.of(), deferredAfterReturn, "traffic sent " + SETTLE + " after the return and "
                        + CATCH_UP + " after the backlog is answered by the workers before the guard's deadline (back at "
                        + restoredAt + ", backlog answered at " + drainedAt + ")");
                assertTrue(!afterReturn.isEmpty(), "traffic after the return was sent, and the backlog answered "
                        + "before it ended (backlog answered at " + drainedAt + ", traffic until " + sent.get(sent.size() - 1).dispatchedAt() + ")");
            }
        }
    }

    private static List<String> idsOf(List<DispatchedInteraction> interactions) {
        return interactions.stream().map(DispatchedInteraction::id).toList();
    }

    private static boolean deferred(DiscordEmulator emulator, DispatchedInteraction interaction) {
        Integer type = emulator.interaction(interaction.id()).acknowledgementType();
        return type != null && type == ResponseEncoder.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE;
    }
}
