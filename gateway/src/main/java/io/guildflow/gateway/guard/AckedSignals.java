package io.guildflow.gateway.guard;

import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gf.<env>.acked.<id>} signals: a worker's (empty, or how many milliseconds Discord took to accept its
 * one callback: the guard's own acknowledgements will take as long) stands the guard down; a gateway's
 * ({@link #FROM_GATEWAY}: its guard acknowledged) hands the interaction over to that gateway, so
 * a second gateway on the same shard sends nothing. Core NATS, not stored: a signal lost in an outage
 * only means an acknowledgement is refused as a race lost. jnats re-subscribes by itself after a reconnect.
 */
public final class AckedSignals implements AutoCloseable {
    /** The body of a gateway's signal; a worker's is empty or milliseconds ({@link #callbackMillis}). */
    private static final byte[] FROM_GATEWAY = "gateway".getBytes(StandardCharsets.US_ASCII);

    private static final Logger log = LoggerFactory.getLogger(AckedSignals.class);

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
            if (!subject.startsWith(prefix)) {
                return;
            }
            String interactionId = subject.substring(prefix.length());
            if (Arrays.equals(FROM_GATEWAY, message.getData())) {
                guard.acknowledgedElsewhere(interactionId); // its own word too: then nothing is watched any more
            } else {
                guard.standDown(interactionId);
                callbackMillis(message.getData()).ifPresent(guard::workerCallbackTook);
            }
        });
        dispatcher.subscribe(topology.ackedSubject("*"));
        return new AckedSignals(nats, dispatcher);
    }

    /** What a guard tells the other gateways when it acknowledged an interaction itself. */
    public static Consumer<String> teller(Connection nats, Topology topology) {
        return interactionId -> {
            try {
                nats.publish(topology.ackedSubject(interactionId), FROM_GATEWAY);
            } catch (RuntimeException e) {
                // the other gateway then acknowledges too and is refused (40060): harmless
                log.debug("could not tell the other gateways about interaction {}: {}", interactionId, e.toString());
            }
        };
    }

    /** The body a worker sent: empty (no single callback, or an older worker), else milliseconds as text. */
    static OptionalLong callbackMillis(byte[] body) {
        if (body == null || body.length == 0 || body.length > 12) {
            return OptionalLong.empty();
        }
        try {
            long millis = Long.parseLong(new String(body, StandardCharsets.US_ASCII));
            return millis < 0 ? OptionalLong.empty() : OptionalLong.of(millis);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        nats.closeDispatcher(dispatcher);
    }
}
