package io.guildflow.gateway.events;

import io.guildflow.common.StartupException;
import io.guildflow.common.nats.EventStreamSettings;
import io.nats.client.Connection;
import java.util.function.Consumer;

/**
 * What the gateway needs for gateway events beyond its settings: what to forward, the event stream's limits and
 * partitions, the events' own NATS connection, and whom to tell when Discord refuses the intents.
 *
 * @param nats      separate from the interactions' connection: a flood of events fills this one's socket, never
 *                  the one an interaction is published on
 * @param onRefused told once when Discord closes a shard with 4013 or 4014 ({@link IntentRefusals})
 */
public record EventPath(ForwardedEvents subscription, EventStreamSettings stream, Connection nats,
                        Consumer<StartupException> onRefused) {
}
