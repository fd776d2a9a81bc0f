package io.guildflow.common.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.guildflow.common.event.EventScope;
import io.nats.client.api.DiscardPolicy;
import java.time.Duration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * STREAM_REPLICAS reaches JetStream for both streams (the 3-replica case runs in app's NATS cluster test); a stream
 * an older version created takes today's subjects and STREAM_MAX_AGE, keeping what it holds; the gateway-event stream can sit beside it.
 */
class StreamProvisionerIT {

    @Test
    void bothStreamsKeepTheConfiguredNumberOfReplicas() throws Exception {
        inFreshEnvironment("replicas", 1, (topology, streams, nats) -> {
            streams.ensureStreams(nats);
            JetStreamManagement management = nats.jetStreamManagement();
            assertEquals(1, management.getStreamInfo(topology.streamName()).getConfiguration().getReplicas());
            assertEquals(1, management.getStreamInfo(topology.deadLetterStreamName())
                    .getConfiguration().getReplicas());
        });
    }

    @Test
    void moreReplicasThanServersIsRefusedNamingTheStream() throws Exception {
        // The shared test NATS is a single server: three copies cannot be placed, and JetStream says so.
        inFreshEnvironment("replicas", 3, (topology, streams, nats) -> {
            // A DependencyException: the command line prints this one line and exits 3 (docs/operations.md).
            StreamProvisioningException error = assertThrows(StreamProvisioningException.class,
                    () -> streams.ensureStreams(nats));
            assertTrue(error.getMessage().startsWith("cannot create or update JetStream stream "
                    + topology.streamName() + " (STREAM_REPLICAS=3): "), error.getMessage());
            assertFalse(error.getMessage().contains("\n"), error.getMessage());
            // A worker that finds no stream creates it with the same setting: the same kind of refusal.
            assertThrows(StreamProvisioningException.class, () -> streams.createMissingStreams(nats));
        });
    }

    @Test
    void aStreamOfAnOlderVersionTakesTodaysSubjectsAndKeepsItsEvents() throws Exception {
        inFreshEnvironment("upgrade", 1, (topology, streams, nats) -> {
            String prefix = topology.subjectPrefix();
            JetStreamManagement management = nats.jetStreamManagement();
            // what versions before the lifecycle family created, with the fixed hour before STREAM_MAX_AGE
            management.addStream(StreamConfiguration.builder().name(topology.streamName())
                    .subjects(prefix + ".guild.>", prefix + ".dm.>").storageType(StorageType.File)
                    .maxAge(Duration.ofHours(1)).build());
            nats.jetStream().publish(prefix + ".guild.1.lifecycle", "joined".getBytes(StandardCharsets.UTF_8));

            streams.ensureStreams(nats);

            StreamConfiguration updated = management.getStreamInfo(topology.streamName()).getConfiguration();
            assertEquals(topology.streamSubjects(), updated.getSubjects());
            // STREAM_MAX_AGE reaches the existing stream in place: an upgrade updates it, never fails on it
            assertEquals(Topology.DEFAULT_STREAM_MAX_AGE, updated.getMaxAge());
            assertEquals(1, management.getStreamInfo(topology.streamName()).getStreamState().getMsgCount());
            nats.jetStream().publish(topology.lifecycleSubject("1"), "joined".getBytes(StandardCharsets.UTF_8));
            nats.jetStream().publish(prefix + ".guild.1.unknown", "{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(3, management.getStreamInfo(topology.streamName()).getStreamState().getMsgCount());
        });
    }

    @Test
    void theGatewayEventStreamAndItsDeadLettersComeWithTheOperatorsLimitsBesideTheInteractionStream() throws Exception {
        Topology topology = new Topology("events-" + UUID.randomUUID().toString().substring(0, 8));
        EventStreamSettings limits = new EventStreamSettings(Duration.ofHours(6), 64L << 20, 4);
        StreamProvisioner streams = new StreamProvisioner(topology, limits);
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            try {
                JetStreamManagement management = nats.jetStreamManagement();
                // JetStream refuses a stream whose subjects overlap another's: all of them must be accepted
                streams.ensureStreams(nats);
                StreamConfiguration events = management.getStreamInfo(topology.eventStreamName()).getConfiguration();
                assertEquals(topology.eventStreamSubjects(), events.getSubjects());
                assertEquals(Duration.ofHours(6), events.getMaxAge());
                assertEquals(64L << 20, events.getMaxBytes());
                assertEquals(DiscardPolicy.Old, events.getDiscardPolicy());
                assertEquals(List.of(topology.eventDeadLetterSubjects()), management
                        .getStreamInfo(topology.eventDeadLetterStreamName()).getConfiguration().getSubjects());

                nats.jetStream().publish(topology.eventSubject(EventScope.guild("1"), "MESSAGE_CREATE", 3),
                        "{}".getBytes(StandardCharsets.UTF_8));
                assertEquals(0, management.getStreamInfo(topology.streamName()).getStreamState().getMsgCount());
                assertEquals(1, management.getStreamInfo(topology.eventStreamName()).getStreamState().getMsgCount());
            } finally {
                streams.removeStreams(nats);
            }
            assertFalse(streamExists(nats, topology.eventStreamName()), "removing an environment removes its events");
        }
    }

    private static boolean streamExists(Connection nats, String name) throws Exception {
        try {
            nats.jetStreamManagement().getStreamInfo(name);
            return true;
        } catch (io.nats.client.JetStreamApiException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface InEnvironment {
        void run(Topology topology, StreamProvisioner streams, Connection nats) throws Exception;
    }

    /** A fresh environment of its own on the shared NATS; its streams are removed afterwards, whatever happened. */
    private static void inFreshEnvironment(String prefix, int replicas, InEnvironment test) throws Exception {
        Topology topology = new Topology(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), replicas);
        StreamProvisioner streams = new StreamProvisioner(topology);
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            try {
                test.run(topology, streams, nats);
            } finally {
                streams.removeStreams(nats);
            }
        }
    }
}
