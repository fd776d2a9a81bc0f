package io.guildflow.gateway.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.discord.DiscordSettings;
import io.guildflow.common.nats.Topology;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.guildflow.testkit.model.EmulatedGuild;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.events.interaction.GenericInteractionCreateEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import org.junit.jupiter.api.Test;

/**
 * The real JDA against the emulator: interactions still arrive raw, JDA no longer builds its own events for them,
 * and one of a type JDA does not know (99) arrives raw like any other, its payload untouched.
 */
class ForwardOnlyInteractionsIT {
    @Test
    void rawInteractionsArriveWithoutJdaParsingThem() throws Exception {
        AtomicInteger raw = new AtomicInteger();
        AtomicInteger parsed = new AtomicInteger();
        AtomicInteger unknownType = new AtomicInteger();
        EventListener counter = (GenericEvent event) -> {
            if (event instanceof RawGatewayEvent r && ForwardOnlyInteractions.INTERACTION_CREATE.equals(r.getType())) {
                raw.incrementAndGet();
                if (r.getPayload().getInt("type") == 99 && r.getPayload().getObject("data").hasKey("future")) {
                    unknownType.incrementAndGet();
                }
            }
            if (event instanceof GenericInteractionCreateEvent) {
                parsed.incrementAndGet();
            }
        };
        Topology topology = new Topology("forward-" + UUID.randomUUID().toString().substring(0, 8));
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).commands("ping").build().start();
             DiscordSessions sessions = DiscordSessions.start(
                     DiscordSettings.from(new EnvironmentValues(EmulatorSettings.of(emulator))),
                     ShardSettings.from(new EnvironmentValues(EmulatorSettings.of(emulator))),
                     IdentifyLeases.open(nats, topology, "forward-test"), java.util.Set.of(), counter)) {
            emulator.awaitCondition(() -> sessions.status().allConnected(), Duration.ofSeconds(30));

            EmulatedGuild guild = emulator.guild(0);
            for (int i = 0; i < 3; i++) {
                emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of());
            }
            emulator.interactionOfType(guild, guild.members().get(0), 99,
                    io.guildflow.testkit.model.Json.object().put("future", true));
            emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of());
            emulator.awaitCondition(() -> raw.get() == 5, Duration.ofSeconds(20));
            assertEquals(1, unknownType.get(), "the type-99 interaction, as the emulator sent it");
            assertEquals(0, parsed.get(), "JDA built interaction events the gateway never reads");
            nats.keyValueManagement().delete(topology.identifyLeaseBucket());
        }
    }
}
