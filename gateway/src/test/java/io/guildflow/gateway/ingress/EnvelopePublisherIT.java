package io.guildflow.gateway.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.Telemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Against the real JetStream: the interaction id makes a second publish of the same interaction a no-op. */
class EnvelopePublisherIT {

    @Test
    void republishingAnInteractionIsDeduplicatedByJetStream() throws Exception {
        Topology topology = new Topology("pub-" + UUID.randomUUID().toString().substring(0, 8));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222");
             Telemetry telemetry = Telemetry.create("publisher-test", topology.environment(), null)) {
            StreamProvisioner streams = new StreamProvisioner(topology);
            streams.ensureStreams(nats);
            streams.ensureStreams(nats); // idempotent: a second process starting
            try (EnvelopePublisher publisher = new EnvelopePublisher(nats, topology, new EnvelopeCodec(),
                    telemetry.nats(), registry, EnvelopePublisher.Limits.DEFAULT, Clock.systemUTC(), abandoned -> {
                    })) {
                InteractionEnvelope envelope = InteractionEnvelope.fromDiscord(new ObjectMapper().readTree(
                        "{\"id\":\"77\",\"type\":2,\"token\":\"t\",\"guild_id\":\"1\",\"member\":{\"user\":{\"id\":\"2\"}}}"),
                        Instant.now(), 0);
                PublishAck first = publisher.publish(envelope).get(5, TimeUnit.SECONDS);
                PublishAck second = publisher.publish(envelope).get(5, TimeUnit.SECONDS);
                assertFalse(first.isDuplicate());
                assertTrue(second.isDuplicate());
                assertEquals(first.getSeqno(), second.getSeqno());
                assertEquals(1, nats.jetStreamManagement().getStreamInfo(topology.streamName())
                        .getStreamState().getMsgCount());
                assertEquals(1.0, registry.counter("guildflow.gateway.interactions.duplicates").count());
            } finally {
                streams.removeStreams(nats);
            }
            assertFalse(streams.streamExists(nats));
            streams.removeStreams(nats); // removing what is gone is no error
        }
    }
}
