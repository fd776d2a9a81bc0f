package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.e2e.IsolatedEnvironment;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.load.AnsweredOnce;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.worker.CuttableProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL gone for 10 s under steady traffic, end to end: two worker processes reach the shared
 * server through a TCP proxy the test cuts (the server itself is never touched). During the cut each
 * worker's {@code /ready} says 503 and the gateway's guard acknowledges every interaction within 3 s;
 * afterwards every one is answered, none twice, and traffic after the return is answered by the
 * workers themselves again (no guard deferral) once they have settled.
 */
class DatabaseOutageEndToEndIT {
    private static final Duration BEFORE = Duration.ofSeconds(4);
    private static final Duration CUT = Duration.ofSeconds(10);
    /** After the return: the workers resume by themselves and work off what waited in the stream. */
    private static final Duration SETTLE = Duration.ofSeconds(8);
    private static final Duration AFTER = Duration.ofSeconds(4);
    private static final long INTERVAL_MS = 50;

    @Test
    void aTenSecondCutIsRiddenOutWithEveryInteractionAcknowledgedInTimeAndAnsweredOnce() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("dbcut");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(2).build().start();
             CuttableProxy proxy = new CuttableProxy("127.0.0.1", 5432)) {
            Map<String, String> workerEnv = new HashMap<>(JarProcess.workerSettings(emulator, environment));
            workerEnv.put("DATABASE_URL", environment.databaseUrl().replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()));
            try (JarProcess first = JarProcess.run(workerEnv);
                 JarProcess second = JarProcess.run(workerEnv);
                 JarProcess gateway = JarProcess.run(JarProcess.gatewaySettings(emulator, environment))) {
                List<JarProcess> workers = List.of(first, second);
                for (JarProcess worker : workers) {
                    worker.awaitReady(Duration.ofSeconds(90));
                }
                gateway.awaitReady(Duration.ofSeconds(90));

                List<DispatchedInteraction> sent = new ArrayList<>();
                send(emulator, sent, BEFORE);
                proxy.cut();
                long cutEnds = System.nanoTime() + CUT.toNanos();
                boolean[] notReady = new boolean[workers.size()];
                while (System.nanoTime() < cutEnds) {
                    send(emulator, sent, Duration.ofMillis(500));
                    for (int i = 0; i < workers.size(); i++) {
                        notReady[i] |= workers.get(i).readyStatus() == 503;
                    }
                }
                proxy.restore();
                send(emulator, sent, SETTLE);
                List<DispatchedInteraction> afterwards = new ArrayList<>();
                send(emulator, afterwards, AFTER);

                for (int i = 0; i < workers.size(); i++) {
                    assertTrue(notReady[i], "worker " + (i + 1) + " said 503 on /ready during the cut");
                }
                sent.addAll(afterwards);
                List<InteractionRecord> answers;
                try {
                    answers = AnsweredOnce.await(emulator, sent, Duration.ofSeconds(60),
                            AnsweredOnce.contentStartingWith("pong"));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n--- worker 1 ---\n" + first.output(), e);
                }
                for (InteractionRecord record : answers) {
                    assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                            "acknowledged after " + record.acknowledgementLatency() + ": " + record);
                }
                Thread.sleep(1_000); // room for a second answer to show up
                AnsweredOnce.recheck(emulator, sent, AnsweredOnce.contentStartingWith("pong"));
                for (DispatchedInteraction interaction : afterwards) {
                    InteractionRecord record = emulator.interaction(interaction.id());
                    assertEquals(4, record.acknowledgementType(), "answered by a worker, not the guard: " + record);
                }
                assertEquals(sent.size(), environment.count("SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
                long deferred = answers.stream().filter(record -> record.acknowledgementType() == 5).count();
                System.out.println("database outage: " + sent.size() + " interactions, " + deferred
                        + " deferred by the guard and answered after the return; the last " + afterwards.size()
                        + " answered directly");
            }
        }
    }

    /** Pings at a steady 20/s for {@code duration}. */
    private static void send(DiscordEmulator emulator, List<DispatchedInteraction> sent, Duration duration)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            EmulatedGuild guild = emulator.guild(sent.size() % 2);
            sent.add(emulator.slashCommand(guild, guild.members().get(sent.size() % guild.members().size()), "ping",
                    Map.of()));
            Thread.sleep(INTERVAL_MS);
        }
    }
}
