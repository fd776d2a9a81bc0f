package io.guildflow.common.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
                // A StartupException, so the command line prints this one line and exits 2 (docs/operations.md).
                StreamProvisioningException error = assertThrows(StreamProvisioningException.class,
                        () -> streams.ensureStreams(nats));
                assertTrue(error.getMessage().startsWith("cannot create or update JetStream stream "
                        + topology.streamName() + " (STREAM_REPLICAS=3): "), error.getMessage());
                assertFalse(error.getMessage().contains("\n"), error.getMessage());
                // A worker that finds no stream creates it with the same setting: the same kind of refusal.
                assertThrows(StreamProvisioningException.class, () -> streams.createMissingStreams(nats));
            } finally {
                streams.removeStreams(nats);
            }
        }
    }
}
