package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.ProcessSettings;
import io.guildflow.common.BackgroundPriority;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Fresh processes (the packaged jar: one gateway, two workers) and traffic at 200/s from the moment
 * every {@code /ready} says 200: no interaction may be late. Prints the first 5 seconds' latencies
 * (dispatch to accepted acknowledgement, by the emulator's clock) for the performance notes.
 */
class ColdStartEndToEndIT {
    private static final int RATE = 200;
    private static final Duration TRAFFIC = Duration.ofSeconds(5);

    @Test
    void theFirstSecondsAfterReadyAreAnsweredInTime() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("cold");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start()) {
            Map<String, String> workerEnv = JarProcess.workerSettings(emulator, environment);
            Map<String, String> gatewayEnv = JarProcess.gatewaySettings(emulator, environment);
            try (JarProcess worker1 = JarProcess.run(workerEnv);
                 JarProcess worker2 = JarProcess.run(workerEnv);
                 JarProcess gateway = JarProcess.run(gatewayEnv)) {
                worker1.awaitReady(Duration.ofSeconds(90));
                worker2.awaitReady(Duration.ofSeconds(90));
                gateway.awaitReady(Duration.ofSeconds(90));
                // what lets the gateway keep Discord's window on a saturated host (WORKER_NICE); no event came yet,
                // so a worker has no event thread (those lower themselves further)
                assertEquals(java.util.Set.of(ProcessSettings.DEFAULT_WORKER_NICE), worker1.threadNiceValues());
                // and interactions go first in the gateway: JDA's, the publisher's and the guard's threads run at
                // 0, the gateway-event publisher (and what it starts) at the lowest priority
                assertEquals(java.util.Set.of(0), gateway.threadNiceValues(name -> name.startsWith("JDA")
                        || name.startsWith("gf-publish") || name.startsWith("gf-guard")));
                assertEquals(java.util.Set.of(BackgroundPriority.NICE),
                        gateway.threadNiceValues(name -> name.startsWith("gf-event-publis")));

                List<DispatchedInteraction> sent = new ArrayList<>();
                long start = System.nanoTime();
                long interval = 1_000_000_000L / RATE;
                int total = (int) (TRAFFIC.toSeconds() * RATE);
                for (int i = 0; i < total; i++) {
                    LockSupport.parkNanos(start + i * interval - System.nanoTime());
                    EmulatedGuild guild = emulator.guild(i % 2);
                    sent.add(emulator.slashCommand(guild, guild.members().get(i % guild.members().size()), "ping",
                            Map.of()));
                }

                List<Long> latencies = new ArrayList<>();
                int[] deferredBySecond = new int[(int) TRAFFIC.toSeconds()];
                List<List<Long>> bySecond = new ArrayList<>();
                for (int second = 0; second < TRAFFIC.toSeconds(); second++) {
                    bySecond.add(new ArrayList<>());
                }
                try {
                    for (DispatchedInteraction interaction : sent) {
                        InteractionRecord record = emulator.awaitResponse(interaction.id(), Duration.ofSeconds(30));
                        assertEquals(1, record.acceptedAcknowledgements(), record.toString());
                        assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                                "late: " + record);
                        latencies.add(record.acknowledgementLatency().toMillis());
                        int second = Math.min(bySecond.size() - 1, latencies.size() / RATE);
                        bySecond.get(second).add(record.acknowledgementLatency().toMillis());
                        if (record.acknowledgementType() == 5) {
                            deferredBySecond[second]++;
                        }
                    }
                } catch (AssertionError e) {
                    java.nio.file.Path saved = java.nio.file.Path.of("target", "cold-start-gateway.log");
                    java.nio.file.Files.writeString(saved, gateway.output());
                    throw new AssertionError(e.getMessage() + "\n(gateway output in " + saved.toAbsolutePath()
                            + "; load average " + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage() + ")", e);
                }
                for (int second = 0; second < bySecond.size(); second++) {
                    List<Long> values = bySecond.get(second);
                    values.sort(null);
                    System.out.printf("cold start, second %d: p50 %d ms, p99 %d ms, deferred by the guard %d of %d%n",
                            second + 1, values.get(values.size() / 2), values.get(values.size() * 99 / 100),
                            deferredBySecond[second], values.size());
                }
                if (Boolean.getBoolean("guildflow.coldstart.metrics")) {
                    for (JarProcess process : List.of(gateway, worker1)) {
                        process.get("/metrics").lines().filter(line -> line.startsWith("guildflow_")
                                && (line.contains("_sum") || line.contains("_count") || line.contains("_max")))
                                .forEach(System.out::println);
                    }
                }
                latencies.sort(null);
                System.out.printf("cold start, first %d s at %d/s: p50 %d ms, p99 %d ms, max %d ms (%d interactions)%n",
                        TRAFFIC.toSeconds(), RATE, latencies.get(latencies.size() / 2),
                        latencies.get(latencies.size() * 99 / 100), latencies.get(latencies.size() - 1),
                        latencies.size());
            }
        }
    }
}
