package io.guildflow.common.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or updates the environment's streams, idempotently, so every process can call it at
 * start-up and a rolling deploy never races on "stream already exists". The durable consumer on the
 * interaction stream is {@link ConsumerProvisioner}'s.
 */
public final class StreamProvisioner {
    /** Long enough to swallow a gateway's republish after a reconnect or a handover between two gateways. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);
    public static final Duration DEAD_LETTER_MAX_AGE = Duration.ofDays(7);

    /**
     * A replicated stream is created through the cluster's meta leader and a new Raft group: on a busy
     * cluster, or while several processes start at once, that takes longer than jnats' 2 s default.
     */
    static final Duration PROVISIONING_TIMEOUT = Duration.ofSeconds(10);
    private static final int PROVISIONING_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(StreamProvisioner.class);

    private final Topology topology;
    private final EventStreamSettings events;

    public StreamProvisioner(Topology topology, EventStreamSettings events) {
        this.topology = topology;
        this.events = events;
    }

    /** With the event stream's default limits: for removing an environment, or where its limits do not matter. */
    public StreamProvisioner(Topology topology) {
        this(topology, EventStreamSettings.defaults());
    }

    public void ensureStreams(Connection connection) {
        configurations().forEach(wanted -> ensure(connection, wanted));
        ensureCommandRegistrationBucket(connection);
    }

    private List<StreamConfiguration> configurations() {
        return List.of(StreamConfiguration.builder()
                .name(topology.streamName())
                .subjects(topology.streamSubjects())
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                // STREAM_MAX_AGE: an existing stream takes a changed value in place (ensureStreams updates it)
                .maxAge(topology.streamMaxAge())
                .duplicateWindow(DUPLICATE_WINDOW)
                .discardPolicy(DiscardPolicy.Old)
                .replicas(topology.streamReplicas())
                .build(),
                StreamConfiguration.builder()
                .name(topology.deadLetterStreamName())
                .subjects(List.of(topology.deadLetterSubjects()))
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(DEAD_LETTER_MAX_AGE)
                .replicas(topology.streamReplicas())
                .build(),
                StreamConfiguration.builder()
                .name(topology.eventStreamName())
                .subjects(topology.eventStreamSubjects())
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(events.maxAge())
                .maxBytes(events.maxBytes())
                .duplicateWindow(DUPLICATE_WINDOW)
                // a flood beyond the cap loses the oldest events, never blocks the gateway's newest ones
                .discardPolicy(DiscardPolicy.Old)
                .replicas(topology.streamReplicas())
                .build(),
                StreamConfiguration.builder()
                .name(topology.eventDeadLetterStreamName())
                .subjects(List.of(topology.eventDeadLetterSubjects()))
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(DEAD_LETTER_MAX_AGE)
                .replicas(topology.streamReplicas())
                .build());
    }

    /**
     * The key-value bucket recording which bot version registered which commands. Created with the
     * streams, before any process takes traffic: creating a stream is not free for the server.
     */
    private void ensureCommandRegistrationBucket(Connection connection) {
        String bucket = topology.commandRegistrationBucket();
        try {
            try {
                connection.keyValueManagement().getBucketInfo(bucket);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != JetStreamErrors.STREAM_NOT_FOUND) {
                    throw e;
                }
                connection.keyValueManagement().create(KeyValueConfiguration.builder()
                        .name(bucket).storageType(StorageType.File).maxHistoryPerKey(1)
                        .replicas(topology.streamReplicas()).build());
                log.info("key-value bucket {} created", bucket);
            }
        } catch (IOException | JetStreamApiException e) {
            throw new StreamProvisioningException("cannot create the key-value bucket " + bucket + withReplicas()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * A worker's call at start, and every role's when its {@link TopologyWatch} finds a stream gone at run time:
     * creates the streams that are missing, and leaves existing ones as their owner (the gateway or {@code setup})
     * configured them. Asked again like the owner's call when JetStream does not answer
     * in time: workers and a gateway starting together on a busy cluster each wait for new Raft groups.
     */
    public void createMissingStreams(Connection connection) {
        for (StreamConfiguration wanted : configurations()) {
            withAttempts(wanted.getName(), () -> createIfMissing(connection, wanted));
        }
        // No command registration bucket here: workers never register commands, and the sample NATS
        // permissions (deploy/nats) rightly give them no key-value API.
    }

    private void createIfMissing(Connection connection, StreamConfiguration wanted) throws IOException {
        try {
            JetStreamManagement management = management(connection);
            try {
                management.getStreamInfo(wanted.getName());
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != JetStreamErrors.STREAM_NOT_FOUND) {
                    throw e;
                }
                management.addStream(wanted);
                log.info("stream {} created with subjects {}", wanted.getName(), wanted.getSubjects());
            }
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == JetStreamErrors.STREAM_NAME_IN_USE) {
                // another process created it between our look and our create (or our timed-out create went
                // through): it exists, and its owner's configuration stands
                return;
            }
            throw new StreamProvisioningException("cannot create JetStream stream " + wanted.getName()
                    + withReplicas() + ": " + e.getMessage(), e);
        }
    }

    /** The environment's streams that do not exist, from one listing: what a {@link TopologyWatch} asks each round. */
    public List<String> missingStreams(Connection connection) throws IOException, JetStreamApiException {
        Set<String> existing = new HashSet<>(connection.jetStreamManagement().getStreamNames());
        return configurations().stream().map(StreamConfiguration::getName)
                .filter(name -> !existing.contains(name)).toList();
    }

    /** The streams as a part of a role's {@link TopologyWatch}: recreated the way a worker creates them at start. */
    public TopologyWatch.Part watched(Connection connection) {
        return new TopologyWatch.Part() {
            @Override
            public List<String> missing() throws IOException, JetStreamApiException {
                return missingStreams(connection).stream().map(name -> "stream " + name + " missing").toList();
            }

            @Override
            public void recreate(List<String> missing) {
                createMissingStreams(connection);
            }
        };
    }

    /**
     * Deletes the environment's streams (with its IDENTIFY lease, command registration, posts and REST budget
     * buckets) and what they hold; one that does not exist is no error.
     */
    public void removeStreams(Connection connection) {
        try {
            JetStreamManagement management = connection.jetStreamManagement();
            // a key-value bucket is the stream KV_<bucket>
            for (String stream : List.of(topology.streamName(), topology.deadLetterStreamName(),
                    topology.eventStreamName(), topology.eventDeadLetterStreamName(),
                    "KV_" + topology.identifyLeaseBucket(), "KV_" + topology.commandRegistrationBucket(),
                    "KV_" + topology.postsBucket(), "KV_" + topology.restBucket())) {
                try {
                    management.deleteStream(stream);
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() != JetStreamErrors.STREAM_NOT_FOUND) {
                        throw e;
                    }
                }
            }
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("cannot remove the streams of environment " + topology.environment()
                    + ": " + e.getMessage(), e);
        }
    }

    public boolean streamExists(Connection connection) {
        try {
            connection.jetStreamManagement().getStreamInfo(topology.streamName());
            return true;
        } catch (JetStreamApiException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Also the owner's consumer provisioning ({@link ConsumerProvisioner}): a replicated consumer is a Raft group too. */
    static JetStreamManagement management(Connection connection) throws IOException {
        return connection.jetStreamManagement(JetStreamOptions.builder().requestTimeout(PROVISIONING_TIMEOUT).build());
    }

    /** The setting a refusal most often comes from, named so the one line says what to change. */
    private String withReplicas() {
        return " (STREAM_REPLICAS=" + topology.streamReplicas() + ")";
    }

    private void ensure(Connection connection, StreamConfiguration wanted) {
        withAttempts(wanted.getName(), () -> ensureOnce(connection, wanted));
    }

    /** One stream's provisioning step. */
    private interface Step {
        void run() throws IOException;
    }

    private void withAttempts(String stream, Step step) {
        for (int attempt = 1; ; attempt++) {
            try {
                step.run();
                return;
            } catch (IOException e) {
                // no answer in time (a cluster electing a leader, a slow start): ask again, then give up
                if (attempt == PROVISIONING_ATTEMPTS) {
                    throw new StreamProvisioningException("cannot create or update JetStream stream "
                            + stream + withReplicas() + ": " + e.getMessage() + " (" + attempt + " attempts)", e);
                }
                log.info("stream {}: no answer from JetStream yet ({}), asking again", stream, e.getMessage());
            }
        }
    }

    private void ensureOnce(Connection connection, StreamConfiguration wanted) throws IOException {
        try {
            JetStreamManagement management = management(connection);
            StreamInfo info;
            try {
                info = management.updateStream(wanted);
                log.debug("stream {} updated", wanted.getName());
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != JetStreamErrors.STREAM_NOT_FOUND) {
                    throw e;
                }
                info = management.addStream(wanted);
                log.info("stream {} created with subjects {}", wanted.getName(), wanted.getSubjects());
            }
            if (info == null) {
                throw new StreamProvisioningException("JetStream returned no info for stream " + wanted.getName(), null);
            }
        } catch (JetStreamApiException e) {
            throw new StreamProvisioningException("cannot create or update JetStream stream " + wanted.getName()
                    + withReplicas() + ": " + e.getMessage(), e);
        }
    }
}
