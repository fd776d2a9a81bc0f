package io.guildflow.devtools.e2e;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.runtime.GuildflowProcess;
import io.guildflow.common.discord.DiscordError;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A rolling update of the gateway as Kubernetes does it (maxSurge 1, maxUnavailable 0): the new
 * gateway process connects to the same shard while the old one still runs, then the old one gets
 * SIGTERM. During 500 interactions, each is answered once, and the old process exits 0 in time.
 */
class RolloutEndToEndIT {
    private static final int INTERACTIONS = 500;
    private static final int AFTER_HANDOVER = 100;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void overlappingGatewaysThenSigtermLoseNothingAndAnswerNothingTwice() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("rollout");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start();
             GuildflowProcess worker1 = worker(emulator, environment, "worker-1");
             GuildflowProcess worker2 = worker(emulator, environment, "worker-2")) {
            Map<String, String> gatewayEnv = gatewayEnvironment(emulator, environment);
            try (JarProcess old = JarProcess.run(gatewayEnv)) {
                old.awaitReady(Duration.ofSeconds(60));
                List<DispatchedInteraction> sent = new CopyOnWriteArrayList<>();
                CountDownLatch handedOver = new CountDownLatch(1);
                CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> send(emulator, sent, handedOver));

                try (JarProcess successor = JarProcess.run(gatewayEnv)) {
                    successor.awaitReady(Duration.ofSeconds(60));
                    assertTrue(sent.size() < INTERACTIONS, "the handover happens during the traffic");
                    assertEquals(2, emulator.readySessions(0).size(), "both gateways hold the shard");
                    long stopping = System.nanoTime();
                    old.terminate();
                    OptionalInt exit = old.awaitExit(SHUTDOWN_TIMEOUT.plusSeconds(5));
                    Duration took = Duration.ofNanos(System.nanoTime() - stopping);
                    assertEquals(OptionalInt.of(0), exit, "old gateway's exit; output:\n" + old.output());
                    assertTrue(took.compareTo(SHUTDOWN_TIMEOUT) < 0, "SIGTERM took " + took);
                    handedOver.countDown(); // the last interactions go to the successor alone

                    traffic.join();
                    for (DispatchedInteraction interaction : sent) {
                        InteractionRecord record = emulator.awaitResponse(interaction.id(), Duration.ofSeconds(30));
                        assertTrue(record.content().startsWith("pong"), record.toString());
                        assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                                record.toString());
                    }
                    Thread.sleep(1_000); // room for a wrong second answer to show up
                    for (DispatchedInteraction interaction : sent) {
                        InteractionRecord record = emulator.interaction(interaction.id());
                        assertEquals(1, record.acceptedAcknowledgements(), record.toString());
                        assertTrue(record.edits() <= 1, record.toString());
                        assertTrue(record.followUps().isEmpty(), record.toString());
                        for (InteractionRecord.Refusal refusal : record.refusals()) {
                            assertEquals(DiscordError.INTERACTION_ALREADY_ACKNOWLEDGED.code(), refusal.code());
                        }
                    }
                    assertEquals(INTERACTIONS, sent.size());
                    assertEquals(INTERACTIONS, environment.count("SELECT count(*) FROM handled_interactions"),
                            "each interaction handled once although both gateways published it");
                }
            }
        }
    }

    /** 40/s; the last {@value #AFTER_HANDOVER} wait until the old gateway is gone, however slow the machine. */
    private static void send(DiscordEmulator emulator, List<DispatchedInteraction> sent, CountDownLatch handedOver) {
        try {
            for (int i = 0; i < INTERACTIONS; i++) {
                if (i == INTERACTIONS - AFTER_HANDOVER) {
                    handedOver.await(3, TimeUnit.MINUTES);
                }
                EmulatedGuild guild = emulator.guild(i % 2);
                sent.add(emulator.slashCommand(guild, guild.members().get(i % guild.members().size()), "ping",
                        Map.of()));
                Thread.sleep(25); // 40/s: the handover falls well inside the traffic
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static GuildflowProcess worker(DiscordEmulator emulator, IsolatedEnvironment environment, String name) {
        return GuildflowProcess.start(LocalCluster.configFor(emulator, environment.settings(), BotMode.WORKER),
                Clock.systemUTC(), HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()), name);
    }

    private static Map<String, String> gatewayEnvironment(DiscordEmulator emulator, IsolatedEnvironment environment) {
        Map<String, String> env = JarProcess.gatewaySettings(emulator, environment);
        env.put("SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s");
        return env;
    }
}
