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
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.event.MessageRef;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.events.interaction.GenericInteractionCreateEvent;
import net.dv8tion.jda.api.events.message.GenericMessageEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.hooks.EventListener;
import org.junit.jupiter.api.Test;

/**
 * The real JDA against the emulator: interactions, messages and reactions still arrive raw, JDA no longer builds its
 * own events for them, and an interaction of a type JDA does not know (99) arrives raw like any other, its payload
 * untouched.
 */
class ForwardOnlyDispatchesIT {
    @Test
    void rawDispatchesArriveWithoutJdaParsingThem() throws Exception {
        AtomicInteger raw = new AtomicInteger();
        AtomicInteger parsed = new AtomicInteger();
        AtomicInteger unknownType = new AtomicInteger();
        AtomicInteger rawMessages = new AtomicInteger();
        AtomicInteger parsedMessages = new AtomicInteger();
        EventListener counter = (GenericEvent event) -> {
            if (event instanceof RawGatewayEvent r && r.getType().startsWith("MESSAGE_")) {
                rawMessages.incrementAndGet();
            }
            if (event instanceof GenericMessageEvent) {
                parsedMessages.incrementAndGet();
            }
            if (event instanceof RawGatewayEvent r && ForwardOnlyDispatches.INTERACTION_CREATE.equals(r.getType())) {
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
                     IdentifyLeases.open(nats, topology, "forward-test"),
                     Set.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_MESSAGE_REACTIONS), counter)) {
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

            EmulatedUser author = guild.members().get(0);
            MessageRef message = emulator.userMessage(guild, author, "hello");
            emulator.editMessage(message.id(), "hello again");
            emulator.addReaction(message.id(), author, Emoji.unicode("⭐"));
            emulator.deleteMessage(message.id());
            // create, update, reaction add, delete: each arrives raw
            emulator.awaitCondition(() -> rawMessages.get() == 4, Duration.ofSeconds(20));
            assertEquals(0, parsedMessages.get(), "JDA built message or reaction events the gateway never reads");
            nats.keyValueManagement().delete(topology.identifyLeaseBucket());
        }
    }
}
