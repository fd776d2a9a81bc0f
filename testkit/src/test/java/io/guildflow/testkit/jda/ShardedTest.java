package io.guildflow.testkit.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DiscordEmulatorExtension;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.Snowflakes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JDA's DefaultShardManager learns 2 shards from GET /gateway/bot; each shard gets only its guilds. */
class ShardedTest {
    @RegisterExtension
    final DiscordEmulatorExtension discord = new DiscordEmulatorExtension(b -> b.guilds(4).shards(2).maxConcurrency(2)
            .commands("ping"));

    @Test
    void twoShardsEachGetTheirGuildsAndTheirInteractions(DiscordEmulator emu) throws Exception {
        ScriptedBot bot = new ScriptedBot();
        ShardManager shards = DefaultShardManagerBuilder.createDefault(emu.token())
                .setRestConfig(new RestConfig().setBaseUrl(emu.apiUrl() + "/"))
                .setCompression(Compression.NONE)
                .addEventListeners(bot)
                .build();
        try {
            // the shard manager creates shards asynchronously: wait for both, then for their READY
            emu.awaitCondition(() -> shards.getShardCache().size() == 2, Duration.ofSeconds(20));
            for (JDA shard : shards.getShards()) {
                shard.awaitReady();
            }
            assertEquals(2, shards.getShardsTotal());
            emu.awaitSessions(2, Duration.ofSeconds(10));
            for (int shard = 0; shard < 2; shard++) {
                final int s = shard;
                Set<String> expected = emu.guilds().stream()
                        .map(EmulatedGuild::id)
                        .filter(id -> Snowflakes.shardOf(Long.parseUnsignedLong(id), 2) == s)
                        .collect(Collectors.toSet());
                assertEquals(2, expected.size());
                Set<String> got = shards.getShardById(shard).getGuilds().stream()
                        .map(Guild::getId)
                        .collect(Collectors.toSet());
                assertEquals(expected, got, "guilds of shard " + shard);
                assertEquals(1, emu.readySessions(shard).size());
            }
            for (EmulatedGuild g : emu.guilds()) {
                DispatchedInteraction i = emu.slashCommand(g, g.members().get(0), "ping", Map.of());
                assertEquals("pong", emu.awaitResponse(i.id(), Duration.ofSeconds(10)).content());
                SlashCommandInteractionEvent e =
                        assertInstanceOf(SlashCommandInteractionEvent.class, bot.lastEvent.get(i.id()));
                assertEquals(Snowflakes.shardOf(Long.parseUnsignedLong(g.id()), 2), e.getJDA().getShardInfo().getShardId());
                assertEquals(1, bot.count(i.id()));
            }
        } finally {
            shards.shutdown();
        }
    }
}
