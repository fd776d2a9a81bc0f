package io.guildflow.devtools.e2e;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.runtime.GuildflowProcess;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.IdentifyRecord;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two gateway processes own shards 0-1 and 2-3 of 4 on one stream, started together: every
 * guild's interactions flow, and their IDENTIFYs keep Discord's rule across both processes (one
 * per rate-limit bucket, {@code shard % max_concurrency}, per 5 s), as the emulator recorded them.
 */
class ShardSetsEndToEndIT {
    private static final int SHARDS = 4;
    private static final int MAX_CONCURRENCY = 2;

    @Test
    void twoShardSetsServeEveryGuildAndIdentifyWithinTheBucketRule() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("shardsets");
             DiscordEmulator emulator = BotCommands.emulator().guilds(40).shards(SHARDS)
                     .maxConcurrency(MAX_CONCURRENCY).commands("ping").build().start();
             GuildflowProcess worker = GuildflowProcess.start(
                     LocalCluster.configFor(emulator, environment.settings(), BotMode.WORKER), Clock.systemUTC(),
                     HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()), "worker");
             JarProcess first = JarProcess.run(gateway(emulator, environment, "0-1"));
             JarProcess second = JarProcess.run(gateway(emulator, environment, "2-3"))) {
            first.awaitReady(Duration.ofSeconds(90));
            second.awaitReady(Duration.ofSeconds(90));
            String firstReady = first.get("/ready");
            assertTrue(firstReady.contains("2 of 2 shards connected (shards 0-1)"),
                    firstReady + "\n" + first.output());
            String secondReady = second.get("/ready");
            assertTrue(secondReady.contains("2 of 2 shards connected (shards 2-3)"),
                    secondReady + "\n" + second.output());

            List<DispatchedInteraction> sent = new ArrayList<>();
            for (EmulatedGuild guild : emulator.guilds()) {
                sent.add(emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of()));
            }
            for (DispatchedInteraction interaction : sent) {
                InteractionRecord record = emulator.awaitResponse(interaction.id(), Duration.ofSeconds(30));
                assertTrue(record.content().startsWith("pong"), record.toString());
                assertEquals(1, record.acceptedAcknowledgements(), record.toString());
            }
            Set<Integer> shardsUsed = sent.stream().map(i -> emulator.interaction(i.id()).shard())
                    .collect(Collectors.toSet());
            assertEquals(Set.of(0, 1, 2, 3), shardsUsed, "the 40 guilds spread over every shard");

            List<IdentifyRecord> identifies = emulator.identifies();
            assertTrue(identifies.stream().allMatch(IdentifyRecord::accepted), "none refused: " + identifies);
            assertEquals(Set.of(0, 1, 2, 3), identifies.stream().map(IdentifyRecord::shard).collect(Collectors.toSet()));
            Map<Integer, List<IdentifyRecord>> byBucket = new HashMap<>();
            identifies.forEach(r -> byBucket.computeIfAbsent(r.bucket(), b -> new ArrayList<>()).add(r));
            for (List<IdentifyRecord> bucket : byBucket.values()) {
                for (int i = 1; i < bucket.size(); i++) {
                    Duration gap = Duration.between(bucket.get(i - 1).at(), bucket.get(i).at());
                    assertTrue(gap.compareTo(Duration.ofSeconds(5)) >= 0, "IDENTIFYs " + gap + " apart: " + bucket);
                }
            }
            assertEquals(MAX_CONCURRENCY, byBucket.size());
        }
    }

    private static Map<String, String> gateway(DiscordEmulator emulator, IsolatedEnvironment environment,
                                               String shardIds) {
        Map<String, String> env = JarProcess.gatewaySettings(emulator, environment);
        env.putAll(Map.of("SHARD_COUNT", Integer.toString(SHARDS), "SHARD_IDS", shardIds));
        return env;
    }
}
