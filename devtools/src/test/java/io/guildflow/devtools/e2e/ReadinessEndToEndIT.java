package io.guildflow.devtools.e2e;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.runtime.GuildflowProcess;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.HealthProbe;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /ready} tells the truth about the shards. With two shards and a session start limit of one
 * identify per 5 seconds (Discord's max_concurrency 1), the second shard connects about 5 s after
 * the first: the gateway must stay "starting" until both are connected.
 */
class ReadinessEndToEndIT {

    @Test
    void gatewayIsNotReadyUntilEveryShardIsConnected() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("ready");
             DiscordEmulator emulator = BotCommands.emulator().guilds(4).shards(2).maxConcurrency(1)
                     .build().start()) {
            Map<String, String> settings = environment.settings();
            settings.put("SHARD_COUNT", "2");
            try (GuildflowProcess gateway = GuildflowProcess.start(
                    LocalCluster.configFor(emulator, settings, BotMode.GATEWAY), Clock.systemUTC(),
                    HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()), "gateway")) {
                HealthProbe probe = new HealthProbe();
                String body = probeUntilShardConnected(probe, gateway);
                assertEquals(503, probe.readyStatus(gateway), body);
                assertTrue(body.contains("\"status\":\"starting\""), body);
                assertTrue(body.contains("1 of 2 shards connected: shard 1 "), body);

                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (probe.readyStatus(gateway) != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                String ready = probe.readyBody(gateway);
                assertEquals(200, probe.readyStatus(gateway), ready);
                assertTrue(ready.contains("\"status\":\"ready\""), ready);
                assertTrue(ready.contains("2 of 2 shards connected (shards 0-1)"), ready);
            }
        }
    }

    /** Waits for the in-between state: the first shard connected, the second still queued. */
    private static String probeUntilShardConnected(HealthProbe probe, GuildflowProcess gateway) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = probe.readyBody(gateway);
        while (!body.contains("1 of 2 shards connected") && System.nanoTime() < deadline) {
            assertEquals(503, probe.readyStatus(gateway), body);
            Thread.sleep(50);
            body = probe.readyBody(gateway);
        }
        return body;
    }
}
