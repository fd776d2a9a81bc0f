package io.guildflow.testkit.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.recording.IdentifyRecord;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A DefaultShardManager of two shards per max_concurrency bucket paces its IDENTIFYs by Discord's buckets, which the
 * emulator enforces (a too-early IDENTIFY would be refused with Invalid Session and show up as a refused record). Two
 * shards per bucket show the 5-second pacing once, which is all more shards would show, 5 s longer each.
 */
class IdentifyPacingTest {

    @ParameterizedTest(name = "max_concurrency {0}")
    @ValueSource(ints = {1, 2})
    void shardsIdentifyOncePerBucketPerFiveSeconds(int maxConcurrency) throws Exception {
        int count = 2 * maxConcurrency;
        try (DiscordEmulator emu = DiscordEmulator.builder().guilds(count).shards(count).maxConcurrency(maxConcurrency)
                .build().start()) {
            ShardManager shards = DefaultShardManagerBuilder.createDefault(emu.token())
                    .setRestConfig(new RestConfig().setBaseUrl(emu.apiUrl() + "/"))
                    .setCompression(Compression.NONE)
                    .build();
            try {
                emu.awaitCondition(() -> shards.getShardCache().size() == count, Duration.ofSeconds(60));
                for (JDA shard : shards.getShards()) {
                    shard.awaitReady();
                }
                emu.awaitSessions(count, Duration.ofSeconds(10));
            } finally {
                shards.shutdown();
            }
            List<IdentifyRecord> identifies = emu.identifies();
            assertTrue(identifies.stream().allMatch(IdentifyRecord::accepted), () -> "refused: " + identifies);
            assertEquals(IntStream.range(0, count).boxed().collect(Collectors.toSet()),
                    identifies.stream().map(IdentifyRecord::shard).collect(Collectors.toSet()));
            assertEquals(count, identifies.size());
            for (IdentifyRecord a : identifies) {
                assertEquals(a.shard() % maxConcurrency, a.bucket());
                for (IdentifyRecord b : identifies) {
                    if (a != b && a.bucket() == b.bucket()) {
                        Duration apart = Duration.between(a.at(), b.at()).abs();
                        assertTrue(apart.compareTo(Duration.ofSeconds(5)) >= 0,
                                "same bucket only " + apart + " apart: " + a + " " + b);
                    }
                }
            }
            assertEquals(1000 - count, emu.sessionStartLimit().remaining());
            if (maxConcurrency == 2) {
                // different buckets start together: shard 1 does not wait for shard 0's window
                Duration firstTwo = Duration.between(identifies.get(0).at(), identifies.get(1).at()).abs();
                assertTrue(firstTwo.compareTo(Duration.ofSeconds(5)) < 0, "first two identifies " + firstTwo + " apart");
            }
        }
    }
}
