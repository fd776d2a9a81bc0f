package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.nats.client.Connection;
import io.nats.client.api.StreamInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Past one machine: a gateway and two workers on a 3-node JetStream cluster with STREAM_REPLICAS=3
 * keep answering every interaction exactly once while the stream's leader node is killed and later
 * restarted.
 */
class NatsClusterEndToEndIT {
    private static final int INTERACTIONS = 600;
    private static final int KILL_AT = 150;
    private static final int RESTART_AT = 400;

    @Test
    void everyInteractionIsAnsweredOnceWhileANatsNodeDiesAndComesBack() throws Exception {
        try (NatsCluster nats = NatsCluster.start(3);
             IsolatedEnvironment environment = new IsolatedEnvironment("cluster");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start()) {
            Map<String, String> settings = new HashMap<>(environment.settings());
            settings.put("NATS_URL", nats.url());
            settings.put("STREAM_REPLICAS", "3");
            settings.put("DISCORD_API_URL", emulator.apiUrl());
            try (JarProcess worker1 = JarProcess.run(role(settings, "worker", Map.of()));
                 JarProcess worker2 = JarProcess.run(role(settings, "worker", Map.of()));
                 JarProcess gateway = JarProcess.run(role(settings, "gateway", EmulatorSettings.of(emulator)));
                 Connection admin = nats.connect()) {
                for (JarProcess process : List.of(worker1, worker2, gateway)) {
                    process.awaitReady(Duration.ofSeconds(90));
                }
                String stream = environment.topology().streamName();
                StreamInfo info = admin.jetStreamManagement().getStreamInfo(stream);
                assertEquals(3, info.getConfiguration().getReplicas(), "stream replicas");
                assertEquals(3, admin.jetStreamManagement().getStreamInfo(stream + "_DLQ").getConfiguration()
                        .getReplicas(), "dead-letter stream replicas");
                String leader = info.getClusterInfo().getLeader();

                List<String> sent = new ArrayList<>();
                List<EmulatedGuild> guilds = emulator.guilds();
                for (int i = 0; i < INTERACTIONS; i++) {
                    if (i == KILL_AT) {
                        nats.kill(leader);
                    } else if (i == RESTART_AT) {
                        nats.restart(leader);
                    }
                    EmulatedGuild guild = guilds.get(i % guilds.size());
                    sent.add(emulator.slashCommand(guild, guild.members().get(i % guild.members().size()), "ping",
                            Map.of()).id());
                    Thread.sleep(40); // ~25/s: 24 s of traffic, 10 s of it with one node down
                }

                List<String> notOnce = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
                for (String id : sent) {
                    InteractionRecord record;
                    try {
                        record = emulator.awaitResponse(id,
                                Duration.ofNanos(Math.max(deadline - System.nanoTime(), 100_000_000L)));
                    } catch (AssertionError noResponse) {
                        notOnce.add(id + ": " + noResponse.getMessage());
                        continue;
                    }
                    if (record.acceptedAcknowledgements() != 1 || record.content() == null
                            || !record.content().startsWith("pong")) {
                        notOnce.add(id + ": " + record.acceptedAcknowledgements() + " accepted, "
                                + record.refusedAcknowledgements() + " refused, content " + record.content());
                    }
                }
                if (!notOnce.isEmpty()) {
                    // whole, for what a tail leaves out (the guard's lines about the interactions concerned)
                    for (Map.Entry<String, JarProcess> process : Map.of("gateway", gateway, "worker-1", worker1,
                            "worker-2", worker2).entrySet()) {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("target",
                                "NatsClusterEndToEndIT-" + process.getKey() + ".log"), process.getValue().output());
                    }
                }
                assertTrue(notOnce.isEmpty(), notOnce.size() + " of " + INTERACTIONS + " not answered exactly once"
                        + " (stream leader " + leader + " killed at " + KILL_AT + ", back at " + RESTART_AT + "): "
                        + notOnce.subList(0, Math.min(5, notOnce.size())) + "\nwhole logs in target/NatsClusterEndToEndIT-*.log"
                        + "\ngateway:\n" + tail(gateway) + "\nworker-1:\n" + tail(worker1));
                assertEquals(INTERACTIONS, environment.count("SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
                assertEquals(INTERACTIONS, environment.count("SELECT count(*) FROM handled_interactions"),
                        "each interaction's effects committed once");
            }
        }
    }

    private static String tail(JarProcess process) throws java.io.IOException {
        String output = process.output();
        return output.substring(Math.max(0, output.length() - 3_000));
    }

    private static Map<String, String> role(Map<String, String> settings, String mode, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("BOT_MODE", mode);
        env.putAll(extra);
        return env;
    }
}
