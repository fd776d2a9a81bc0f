package io.guildflow.testkit.rest;

import io.guildflow.testkit.gateway.GatewayHub;
import io.guildflow.testkit.interaction.InteractionRegistry;
import io.guildflow.testkit.model.World;
import java.time.Clock;
import java.util.function.Supplier;

/** What REST routes need from the emulator. */
public record RestContext(
        World world,
        InteractionRegistry interactions,
        GatewayHub hub,
        Clock clock,
        String token,
        Supplier<String> gatewayUrl,
        int shards) {}
