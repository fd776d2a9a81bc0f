package io.guildflow.common.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * On the shared NATS: what a role owns, deleted behind its back, is recreated by one round of its watch with the
 * provisioning code of the start; what JetStream refuses is the watch's state, not an exception.
 */
class TopologyWatchIT {
    private static final ConsumerPolicy POLICY = new ConsumerPolicy(Duration.ofSeconds(10), 64);

    @Test
    void deletedStreamsAndTheConsumerAreRecreatedInOneRound() throws Exception {
        Topology topology = new Topology("heal-" + UUID.randomUUID().toString().substring(0, 8), 1);
        StreamProvisioner streams = new StreamProvisioner(topology);
        ConsumerProvisioner consumer = new ConsumerProvisioner(topology);
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            try {
                streams.ensureStreams(nats);
                consumer.createOrUpdate(nats, POLICY);
                TopologyWatch watch = new TopologyWatch(nats,
                        List.of(streams.watched(nats), consumer.watched(nats, POLICY)), "test");
                watch.check();
                assertTrue(watch.state().ok(), watch.state().detail());

                JetStreamManagement management = nats.jetStreamManagement();
                management.deleteStream(topology.streamName()); // its consumer goes with it
                management.deleteStream(topology.eventDeadLetterStreamName());
                assertEquals(List.of(topology.streamName(), topology.eventDeadLetterStreamName()),
                        streams.missingStreams(nats));
                watch.check();

                assertEquals(List.of(), streams.missingStreams(nats));
                assertTrue(consumer.info(nats).isPresent(), "the consumer is back on the new stream");
                assertEquals(POLICY.ackWait(), consumer.existing(nats).orElseThrow().getAckWait());
                assertTrue(watch.state().ok(), watch.state().detail());
                watch.close();
            } finally {
                streams.removeStreams(nats);
            }
        }
    }

    @Test
    void aRefusalAtRunTimeIsTheStateWithJetStreamsReason() throws Exception {
        // the shared server is a single one: three replicas cannot be placed
        Topology topology = new Topology("heal-" + UUID.randomUUID().toString().substring(0, 8), 3);
        StreamProvisioner streams = new StreamProvisioner(topology);
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            try {
                TopologyWatch watch = new TopologyWatch(nats, List.of(streams.watched(nats)), "test");
                watch.check();
                assertFalse(watch.state().ok());
                assertTrue(watch.state().detail().startsWith("stream " + topology.streamName() + " missing"),
                        watch.state().detail());
                assertTrue(watch.state().detail().contains("(STREAM_REPLICAS=3)"), watch.state().detail());
                assertFalse(watch.state().detail().contains("\n"), watch.state().detail());
                watch.close();
            } finally {
                streams.removeStreams(nats);
            }
        }
    }
}
