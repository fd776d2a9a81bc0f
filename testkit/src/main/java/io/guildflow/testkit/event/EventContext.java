package io.guildflow.testkit.event;

import io.guildflow.testkit.gateway.GatewayHub;
import io.guildflow.testkit.model.World;
import java.time.Clock;

/** What the event classes change and send through: the world's state, the gateway, the emulator clock. */
public record EventContext(World world, GatewayHub hub, Clock clock) {}
