package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.nats.Topology;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.AnsweredOnce;
import io.guildflow.testsupport.load.LoadGenerator;
import io.guildflow.testsupport.nats.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The NATS server (the test's own, free port) stops under traffic and comes back on the same port with an empty
 * store: no stream, no consumer. The running gateway and worker (the packaged jar, never restarted) put back what
 * each owns or needs, and {@code /ready} of both returns to 200. Every interaction sent after that is answered
 * exactly once by a worker; those sent while the server was away are acknowledged by the guard within Discord's 3 s
 * and answered exactly once as soon as the gateway could store them again. The gateway events' consumers come back
 * too. With the gateway stopped, a worker alone puts back a stream deleted by hand, and the consumer on it.
 * Interactions stored before the loss were answered before it: what the old store still held is the operator's
 * loss, never asserted away here.
 */
class TopologyRecoveryEndToEndIT {
    private static final Duration DOWN = Duration.ofSeconds(3);
    /** Interactions per second, as the NATS outage test sends them. */
    private static final double RATE = 30;
    /** Reconnecting (500 ms apart) plus a round of each role's watch (2 s), with room for a busy machine. */
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    @Test
    void aServerBackOnAnEmptyStoreIsProvisionedAgainWithoutARestart() throws Exception {
        try (NatsServerProcess nats = NatsServerProcess.launch();
             IsolatedEnvironment environment = IsolatedEnvironment.onOwnNats("heal");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).usersPerGuild(3).commands("ping").build()
                     .start()) {
            Map<String, String> gatewayEnv = new HashMap<>(JarProcess.gatewaySettings(emulator, environment));
            gatewayEnv.put("NATS_URL", nats.url());
            Map<String, String> workerEnv = new HashMap<>(JarProcess.workerSettings(emulator, environment));
            workerEnv.put("NATS_URL", nats.url());
            try (JarProcess worker = JarProcess.run(workerEnv);
                 JarProcess gateway = JarProcess.run(gatewayEnv)) {
                worker.awaitReady(Duration.ofSeconds(90));
                gateway.awaitReady(Duration.ofSeconds(90));

                LoadGenerator load = new LoadGenerator(emulator);
                List<DispatchedInteraction> before = send(load, 30);
                AnsweredOnce.await(emulator, before, Duration.ofSeconds(30), AnsweredOnce.contentStartingWith("pong"));

                nats.stop();
                nats.wipeStore();
                List<DispatchedInteraction> gap = new ArrayList<>(send(load, (int) (RATE * DOWN.toSeconds())));
                assertEquals(503, gateway.readyStatus(), "the gateway is not ready without NATS");
                assertEquals(503, worker.readyStatus(), "the worker is not ready without NATS");
                nats.start();
                long back = System.nanoTime();
                gap.addAll(send(load, 20)); // traffic while the topology is put back
                awaitReady(gateway, "gateway", back);
                awaitReady(worker, "worker", back);
                System.out.printf("topology recovery: both ready %d ms after the server came back%n",
                        (System.nanoTime() - back) / 1_000_000);

                try (Connection admin = Nats.connect(nats.url())) {
                    assertTopologyPresent(admin, environment.topology());
                }
                String logs = gateway.output() + worker.output();
                logs.lines().filter(line -> line.contains("NATS topology") || line.contains("bound again"))
                        .forEach(line -> System.out.println("topology recovery: " + line));
                assertTrue(logs.contains("missing; recreating") && logs.contains("recreated"),
                        "one line when found missing, one when recreated:\n" + tail(gateway) + "\n" + tail(worker));
                assertTrue(worker.output().contains("worker bound again to " + environment.topology().consumerName()),
                        "the worker consumes from the new consumer:\n" + tail(worker));

                // sent while the server was away or empty: the guard stood in within 3 s, a worker answered once
                AnsweredOnce.await(emulator, gap, Duration.ofSeconds(45), AnsweredOnce.contentStartingWith("pong"));
                for (DispatchedInteraction interaction : gap) {
                    InteractionRecord record = emulator.interaction(interaction.id());
                    assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                            "acknowledged after " + record.acknowledgementLatency() + ": " + record);
                }

                // with that backlog answered (while it drains, the guard rightly stands in for what queues behind it)
                List<DispatchedInteraction> after = send(load, 60);
                List<InteractionRecord> answeredAfter = AnsweredOnce.await(emulator, after, Duration.ofSeconds(30),
                        AnsweredOnce.contentStartingWith("pong"));
                long byWorkers = answeredAfter.stream().filter(r -> r.acknowledgementType() == 4).count();
                assertTrue(byWorkers * 2 > after.size(), byWorkers + " of " + after.size()
                        + " answered by the worker before the guard's deadline after the recovery");

                Thread.sleep(1_000); // room for a wrong second answer to show up
                List<DispatchedInteraction> all = new ArrayList<>(before);
                all.addAll(gap);
                all.addAll(after);
                AnsweredOnce.recheck(emulator, all, AnsweredOnce.contentStartingWith("pong"));
                assertEquals(all.size(), environment.count("SELECT count(*) FROM handled_interactions"),
                        "each interaction's effects committed once");

                // the gateway events' consumers are back too: a message written now is handled
                long handledEvents = environment.count("SELECT count(*) FROM handled_events");
                EmulatedGuild guild = emulator.guild(0);
                emulator.userMessage(guild, guild.members().get(guild.members().size() - 1), "after the recovery");
                awaitCount(environment, "SELECT count(*) FROM handled_events", handledEvents + 1,
                        Duration.ofSeconds(30));

                // with no gateway running, a worker puts back a stream (and so its consumer) deleted by hand itself
                gateway.terminate();
                assertTrue(gateway.awaitExit(Duration.ofSeconds(30)).isPresent(), "the gateway stopped");
                try (Connection admin = Nats.connect(nats.url())) {
                    admin.jetStreamManagement().deleteStream(environment.topology().streamName());
                    long deleted = System.nanoTime();
                    while (!admin.jetStreamManagement().getStreamNames().contains(environment.topology().streamName())) {
                        assertTrue(System.nanoTime() - deleted < RECOVERY.toNanos(), "the worker recreated the stream"
                                + " within " + RECOVERY + ":\n" + tail(worker));
                        Thread.sleep(100);
                    }
                    // the consumer follows the stream in the same recovery step: poll for it, as for the stream
                    while (!admin.jetStreamManagement().getConsumerNames(environment.topology().streamName())
                            .contains(environment.topology().consumerName())) {
                        assertTrue(System.nanoTime() - deleted < RECOVERY.toNanos(), "the worker recreated the"
                                + " consumer within " + RECOVERY + ":\n" + tail(worker));
                        Thread.sleep(100);
                    }
                    awaitReady(worker, "worker", deleted);
                }
                assertTrue(worker.output().contains("NATS topology: stream " + environment.topology().streamName()
                        + " missing; recreating"), tail(worker));
            }
        }
    }

    private static void awaitReady(JarProcess process, String role, long since) throws Exception {
        long deadline = since + RECOVERY.toNanos();
        while (process.readyStatus() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(role + " not ready " + RECOVERY + " after the server came back: "
                        + process.get("/ready") + "\n" + tail(process));
            }
            Thread.sleep(100);
        }
    }

    private static void assertTopologyPresent(Connection admin, Topology topology) throws Exception {
        JetStreamManagement management = admin.jetStreamManagement();
        assertTrue(admin.keyValueManagement().getBucketNames().contains(topology.identifyLeaseBucket()),
                "the gateway's IDENTIFY lease bucket recreated");
        List<String> streams = management.getStreamNames();
        for (String stream : List.of(topology.streamName(), topology.deadLetterStreamName(),
                topology.eventStreamName(), topology.eventDeadLetterStreamName())) {
            assertTrue(streams.contains(stream), stream + " recreated, streams now " + streams);
        }
        assertEquals(topology.consumerName(),
                management.getConsumerInfo(topology.streamName(), topology.consumerName()).getName());
    }

    private static void awaitCount(IsolatedEnvironment environment, String sql, long expected, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count;
        while ((count = environment.count(sql)) < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(sql + " = " + count + ", expected " + expected + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static List<DispatchedInteraction> send(LoadGenerator load, int count) {
        return load.run("ping", count, RATE, i -> Map.of());
    }

    private static String tail(JarProcess process) throws java.io.IOException {
        String output = process.output();
        return output.substring(Math.max(0, output.length() - 4_000));
    }
}
