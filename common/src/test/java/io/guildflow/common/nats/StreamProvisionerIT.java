package io.guildflow.common.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** STREAM_REPLICAS reaches JetStream for both streams (the 3-replica case runs in app's NATS cluster test). */
class StreamProvisionerIT {

    @Test
    void bothStreamsKeepTheConfiguredNumberOfReplicas() throws Exception {
        Topology topology = new Topology("replicas-" + UUID.randomUUID().toString().substring(0, 8), 1);
        StreamProvisioner streams = new StreamProvisioner(topology);
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            try {
                streams.ensureStreams(nats);
                JetStreamManagement management = nats.jetStreamManagement();
                assertEquals(1, management.getStreamInfo(topology.streamName()).getConfiguration().getReplicas());
                assertEquals(1, management.getStreamInfo(topology.deadLetterStreamName())
                        .getConfiguration().getReplicas());
            } finally {
                streams.removeStreams(nats);
            }
        }
    }

    @Test
    void moreReplicasThanServersIsRefusedNamingTheStream() throws Exception {
        // The shared test NATS is a single server: three copies cannot be placed, and JetStream says so.
        Topology topology = new Topology("replicas-" + UUID.randomUUID().toString().substring(0, 8), 3);
        StreamProvisioner streams = new StreamProvisioner(topology);
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            try {
                IllegalStateException error = assertThrows(IllegalStateException.class,
                        () -> streams.ensureStreams(nats));
                assertTrue(error.getMessage().contains(topology.streamName()), error.getMessage());
            } finally {
                streams.removeStreams(nats);
            }
        }
    }
}
