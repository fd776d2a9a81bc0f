package io.guildflow.gateway.guard;

import io.guildflow.common.DaemonThreads;
import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gf.<env>.acked.<id>} signals: a worker's (empty, or how many milliseconds Discord took to accept its
 * one callback: the guard's own acknowledgements will take as long) stands the guard down; a gateway's
 * ({@code gateway:<its id>}: its guard acknowledged) hands the interaction over to that gateway, so a second gateway
 * on the same shard sends nothing. Besides, every {@link #PRESENCE_PERIOD} each gateway says on
 * {@code gf.<env>.acked.gateways} which shards it holds, so two gateways on the same shards know of each other before
 * their first interaction ({@link ShardPeers}). Core NATS, not stored: a signal lost in an outage only means an
 * acknowledgement is refused as a race lost. jnats re-subscribes by itself after a reconnect.
 */
public final class AckedSignals implements AutoCloseable {
    /** A gateway's word starts so; older gateways sent exactly this, without their id. */
    private static final String FROM_GATEWAY = "gateway";
    /** The subject's last token for presence: never an interaction id (those are digits). */
    static final String PRESENCE = "gateways";
    static final Duration PRESENCE_PERIOD = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(AckedSignals.class);

    private final Connection nats;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService presence;

    private AckedSignals(Connection nats, Dispatcher dispatcher, ScheduledExecutorService presence) {
        this.nats = nats;
        this.dispatcher = dispatcher;
        this.presence = presence;
    }

    /**
     * @param self     this gateway's id, as its {@link #teller} sends it: its own words are not another gateway's
     * @param shardSet the shards it holds, alike on every gateway configured alike (SHARD_COUNT, SHARD_IDS)
     */
    public static AckedSignals subscribe(Connection nats, Topology topology, AckGuard guard, String self,
                                         String shardSet) {
        String prefix = topology.ackedSubject("");
        Dispatcher dispatcher = nats.createDispatcher(message -> {
            String subject = message.getSubject();
            if (!subject.startsWith(prefix)) {
                return;
            }
            String id = subject.substring(prefix.length());
            if (id.equals(PRESENCE)) {
                if (isPeer(message.getData(), self, shardSet)) {
                    guard.peerPresent();
                }
                return;
            }
            Optional<String> gateway = gatewayOf(message.getData());
            if (gateway.isPresent()) {
                if (!gateway.get().equals(self)) {
                    guard.acknowledgedElsewhere(id);
                }
            } else {
                guard.standDown(id);
                callbackMillis(message.getData()).ifPresent(guard::workerCallbackTook);
            }
        });
        dispatcher.subscribe(topology.ackedSubject("*"));
        ScheduledExecutorService presence = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("gf-gateway-presence"));
        byte[] here = (self + " " + shardSet).getBytes(StandardCharsets.UTF_8);
        presence.scheduleAtFixedRate(() -> say(nats, topology.ackedSubject(PRESENCE), here), 0,
                PRESENCE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return new AckedSignals(nats, dispatcher, presence);
    }

    private static void say(Connection nats, String subject, byte[] body) {
        if (nats.getStatus() != Connection.Status.CONNECTED) {
            return; // nothing piles up in jnats' reconnect buffer; the next period says it again
        }
        try {
            nats.publish(subject, body);
        } catch (RuntimeException e) {
            log.debug("could not tell the other gateways this one is here: {}", e.toString());
        }
    }

    /** What a guard tells the other gateways when it acknowledged an interaction itself. */
    public static Consumer<String> teller(Connection nats, Topology topology, String self) {
        byte[] body = (FROM_GATEWAY + ":" + self).getBytes(StandardCharsets.UTF_8);
        return interactionId -> {
            try {
                nats.publish(topology.ackedSubject(interactionId), body);
            } catch (RuntimeException e) {
                // the other gateway then acknowledges too and is refused (40060): harmless
                log.debug("could not tell the other gateways about interaction {}: {}", interactionId, e.toString());
            }
        };
    }

    /** The gateway that sent this word ("" for an older gateway's), or empty for a worker's signal. */
    static Optional<String> gatewayOf(byte[] body) {
        if (body == null) {
            return Optional.empty();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.equals(FROM_GATEWAY)) {
            return Optional.of("");
        }
        return text.startsWith(FROM_GATEWAY + ":") ? Optional.of(text.substring(FROM_GATEWAY.length() + 1))
                : Optional.empty();
    }

    /** Whether a presence body ({@code "<id> <shard set>"}) is another gateway's on the same shards. */
    static boolean isPeer(byte[] body, String self, String shardSet) {
        if (body == null) {
            return false;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        return space > 0 && !text.substring(0, space).equals(self) && text.substring(space + 1).equals(shardSet);
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
        presence.shutdownNow();
        nats.closeDispatcher(dispatcher);
    }
}
