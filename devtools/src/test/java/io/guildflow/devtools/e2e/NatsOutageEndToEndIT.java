package io.guildflow.devtools.e2e;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.discord.DiscordError;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.HealthProbe;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.nats.NatsServerProcess;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NATS (the test's own server, own store, free port) stops for 10 s during traffic and comes back:
 * every interaction is acknowledged within Discord's 3 s and then answered exactly once; the
 * gateway is not ready while NATS is away and ready again after, without a restart.
 */
class NatsOutageEndToEndIT {
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    void tenSecondsWithoutNatsCostNoInteraction() throws Exception {
        HealthProbe probe = new HealthProbe();
        try (NatsServerProcess nats = NatsServerProcess.launch();
             IsolatedEnvironment environment = new IsolatedEnvironment("outage");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start()) {
            Map<String, String> settings = new HashMap<>(environment.settings());
            settings.put("NATS_URL", nats.url());
            try (LocalCluster cluster = LocalCluster.start(emulator, settings, 2, HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()))) {
                cluster.awaitReady(Duration.ofSeconds(30));

                List<DispatchedInteraction> sent = new ArrayList<>();
                send(emulator, sent, 60); // ~2 s of traffic at 30/s before the outage
                nats.stop();
                long outageEnd = System.nanoTime() + OUTAGE.toNanos();
                while (System.nanoTime() < outageEnd) {
                    send(emulator, sent, 15);
                    assertEquals(503, probe.readyStatus(cluster.gateway()), probe.readyBody(cluster.gateway()));
                }
                nats.start();
                probe.awaitReady(cluster.gateway(), Duration.ofSeconds(15));
                int beforeRecoveryTraffic = sent.size();
                send(emulator, sent, 90); // traffic after the recovery, answered at normal speed

                for (DispatchedInteraction interaction : sent) {
                    InteractionRecord record = emulator.awaitAcknowledged(interaction.id(), Duration.ofSeconds(10));
                    assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                            "acknowledged after " + record.acknowledgementLatency() + ": " + record);
                }
                for (DispatchedInteraction interaction : sent) {
                    InteractionRecord record = emulator.awaitResponse(interaction.id(), Duration.ofSeconds(60));
                    assertTrue(record.content().startsWith("pong"), "the result, not a notice: " + record);
                }
                Thread.sleep(1_000); // room for a wrong second answer to show up
                for (DispatchedInteraction interaction : sent) {
                    InteractionRecord record = emulator.interaction(interaction.id());
                    assertEquals(1, record.acceptedAcknowledgements(), record.toString());
                    assertTrue(record.edits() <= 1, "one final answer: " + record);
                    assertTrue(record.followUps().isEmpty(), record.toString());
                    for (InteractionRecord.Refusal refusal : record.refusals()) {
                        assertEquals(DiscordError.INTERACTION_ALREADY_ACKNOWLEDGED.code(), refusal.code());
                    }
                }
                // A backlog of retries must not starve new traffic: once the outage's interactions are worked off
                // (the first second or two after the recovery), workers answer before the guard's deadline again,
                // most of them (a busy machine may push a few past it).
                List<DispatchedInteraction> afterRecovery = sent.subList(beforeRecoveryTraffic, sent.size());
                StringBuilder pattern = new StringBuilder();
                afterRecovery.forEach(interaction -> pattern.append(
                        emulator.interaction(interaction.id()).acknowledgementType() == 4 ? 'w' : 'g'));
                System.out.println("after the recovery, in order sent (w: a worker answered, g: the guard): " + pattern);
                String lastThird = pattern.substring(pattern.length() * 2 / 3);
                long answeredByWorkers = lastThird.chars().filter(c -> c == 'w').count();
                assertTrue(answeredByWorkers * 3 > lastThird.length() * 2, "the last third of the traffic after the"
                        + " recovery: " + answeredByWorkers + " of " + lastThird.length() + " answered by a worker"
                        + " before the guard's deadline (w: a worker, g: the guard, in order sent): " + pattern);
                assertEquals(sent.size(), environment.count(
                        "SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
            }
        }
    }

    private static void send(DiscordEmulator emulator, List<DispatchedInteraction> sent, int count)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            EmulatedGuild guild = emulator.guild(sent.size() % 2);
            sent.add(emulator.slashCommand(guild, guild.members().get(sent.size() % guild.members().size()), "ping",
                    Map.of()));
            Thread.sleep(33);
        }
    }
}
