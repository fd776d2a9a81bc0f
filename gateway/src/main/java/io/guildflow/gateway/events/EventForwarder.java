package io.guildflow.gateway.events;

import java.time.Clock;
import java.util.Set;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/**
 * Hands the dispatches the handlers want from JDA's read thread to the {@link EventPublisher}: JDA fires a
 * {@link RawGatewayEvent} with Discord's {@code d} object for every dispatch (raw events are on); this copies it to
 * bytes and queues it, nothing else, so a slow or absent NATS never holds up the Discord connection.
 */
public final class EventForwarder implements EventListener {
    private final Set<String> types;
    private final EventPublisher publisher;
    private final Clock clock;

    public EventForwarder(ForwardedEvents subscription, EventPublisher publisher, Clock clock) {
        this.types = subscription.types();
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void onEvent(GenericEvent event) {
        if (event instanceof RawGatewayEvent raw && types.contains(raw.getType())) {
            // JDA's DataObject keeps Discord's field order; the JSON is Discord's d object re-serialised.
            publisher.enqueue(raw.getType(), raw.getJDA().getShardInfo().getShardId(), clock.instant(),
                    raw.getPayload().toJson());
        }
    }
}
