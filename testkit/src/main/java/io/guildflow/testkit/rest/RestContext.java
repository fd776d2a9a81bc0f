package io.guildflow.testkit.rest;

import io.guildflow.testkit.event.GuildEvents;
import io.guildflow.testkit.event.MessageEvents;
import io.guildflow.testkit.gateway.GatewayHub;
import io.guildflow.testkit.interaction.InteractionRegistry;
import io.guildflow.testkit.model.World;
import java.time.Clock;
import java.util.function.Supplier;

/** What REST routes need from the emulator; the bot's changes send their gateway events through the event classes. */
public record RestContext(
        World world,
        InteractionRegistry interactions,
        GatewayHub hub,
        MessageEvents messages,
        GuildEvents guildEvents,
        Clock clock,
        String token,
        Supplier<String> gatewayUrl,
        int shards) {}
