package io.guildflow.gateway.guard;

import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;

/**
 * Listens for the workers' {@code gf.<env>.acked.<id>} signals and stands the guard down. Core
 * NATS, not stored: a signal lost in an outage only means the guard's acknowledgement is refused
 * as a race lost. jnats re-subscribes by itself after a reconnect.
 */
public final class AckedSignals implements AutoCloseable {
    private final Connection nats;
    private final Dispatcher dispatcher;

    private AckedSignals(Connection nats, Dispatcher dispatcher) {
        this.nats = nats;
        this.dispatcher = dispatcher;
    }

    public static AckedSignals subscribe(Connection nats, Topology topology, AckGuard guard) {
        String prefix = topology.ackedSubject("");
        Dispatcher dispatcher = nats.createDispatcher(message -> {
            String subject = message.getSubject();
            if (subject.startsWith(prefix)) {
                guard.standDown(subject.substring(prefix.length()));
            }
        });
        dispatcher.subscribe(topology.ackedSubject("*"));
        return new AckedSignals(nats, dispatcher);
    }

    @Override
    public void close() {
        nats.closeDispatcher(dispatcher);
    }
}
