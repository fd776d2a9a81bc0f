package io.guildflow.gateway.ingress;

import io.guildflow.common.telemetry.MetricNames;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.MalformedEnvelopeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.function.Consumer;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where interactions enter Guildflow: every INTERACTION_CREATE dispatch, as Discord sent it,
 * becomes an envelope. JDA's own parsed interaction events are ignored: the gateway never
 * answers Discord itself except through the acknowledgement guard. The envelope is built from the
 * dispatch JDA already parsed, without writing it back to JSON and parsing it again.
 */
public final class InteractionIngress implements EventListener {
    private static final Logger log = LoggerFactory.getLogger(InteractionIngress.class);
    private static final String INTERACTION_CREATE = "INTERACTION_CREATE";

    private final ParsedPayloads payloads;
    private final Clock clock;
    private final Consumer<InteractionEnvelope> sink;
    private final MeterRegistry registry;
    private final Counter malformed;

    public InteractionIngress(ObjectMapper mapper, Clock clock, Consumer<InteractionEnvelope> sink,
                              MeterRegistry registry) {
        this.payloads = new ParsedPayloads(mapper);
        this.clock = clock;
        this.sink = sink;
        this.registry = registry;
        this.malformed = registry.counter(MetricNames.GATEWAY_MALFORMED);
    }

    @Override
    public void onEvent(GenericEvent event) {
        if (event instanceof RawGatewayEvent raw && INTERACTION_CREATE.equals(raw.getType())) {
            accept(raw.getPayload(), raw.getJDA().getShardInfo().getShardId());
        }
    }

    /** The {@code d} of an INTERACTION_CREATE, as JDA parsed it. */
    void accept(DataObject payload, int shardId) {
        InteractionEnvelope envelope;
        try {
            envelope = InteractionEnvelope.fromDiscord(payloads.tree(payload.toMap()), clock.instant(), shardId);
        } catch (UncheckedIOException | MalformedEnvelopeException e) {
            // Nothing can answer an interaction without id and token; record it and move on.
            malformed.increment(); // also counted as received, as "malformed": kind "unknown" is a readable
            received("malformed"); // interaction of a type this code does not know
            log.error("dropping unreadable INTERACTION_CREATE on shard {}: {}", shardId, e.getMessage());
            return;
        }
        received(envelope.kind().subjectToken());
        sink.accept(envelope);
    }

    private void received(String kind) {
        Counter.builder(MetricNames.GATEWAY_RECEIVED).description("INTERACTION_CREATE dispatches read, by kind")
                .tag(MetricNames.TAG_KIND, kind).register(registry).increment();
    }
}
