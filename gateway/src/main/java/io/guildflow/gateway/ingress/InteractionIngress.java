package io.guildflow.gateway.ingress;

import io.guildflow.common.telemetry.MetricNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.MalformedEnvelopeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where interactions enter Guildflow: every INTERACTION_CREATE dispatch, as Discord sent it,
 * becomes an envelope. JDA's own parsed interaction events are ignored: the gateway never
 * answers Discord itself except through the acknowledgement guard.
 */
public final class InteractionIngress implements EventListener {
    private static final Logger log = LoggerFactory.getLogger(InteractionIngress.class);
    private static final String INTERACTION_CREATE = "INTERACTION_CREATE";

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Consumer<InteractionEnvelope> sink;
    private final MeterRegistry registry;
    private final Counter malformed;

    public InteractionIngress(ObjectMapper mapper, Clock clock, Consumer<InteractionEnvelope> sink,
                              MeterRegistry registry) {
        this.mapper = mapper;
        this.clock = clock;
        this.sink = sink;
        this.registry = registry;
        this.malformed = registry.counter(MetricNames.GATEWAY_MALFORMED);
    }

    @Override
    public void onEvent(GenericEvent event) {
        if (event instanceof RawGatewayEvent raw && INTERACTION_CREATE.equals(raw.getType())) {
            accept(raw.getPayload().toJson(), raw.getJDA().getShardInfo().getShardId());
        }
    }

    /** The {@code d} of an INTERACTION_CREATE, as bytes of JSON. */
    void accept(byte[] payload, int shardId) {
        InteractionEnvelope envelope;
        try {
            JsonNode interaction = mapper.readTree(payload);
            envelope = InteractionEnvelope.fromDiscord(interaction, clock.instant(), shardId);
        } catch (IOException | MalformedEnvelopeException e) {
            // Nothing can answer an interaction without id and token; record it and move on.
            malformed.increment(); // also counted as received, kind unknown
            received("unknown");
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
