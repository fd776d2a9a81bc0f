package io.guildflow.common.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that creates or checks the environment's shared durable consumer. Its owner (the gateway,
 * {@code setup}) decides its configuration; a worker only creates it when nobody has, so the last worker to start
 * never silently changes what all the others run with.
 */
public final class ConsumerProvisioner {
    private static final Logger log = LoggerFactory.getLogger(ConsumerProvisioner.class);

    private final Topology topology;

    public ConsumerProvisioner(Topology topology) {
        this.topology = topology;
    }

    /** The owner's call (gateway, {@code setup}): creates or updates the consumer so it matches {@code policy}. */
    public void createOrUpdate(Connection connection, ConsumerPolicy policy) {
        try {
            StreamProvisioner.management(connection).addOrUpdateConsumer(topology.streamName(),
                    policy.configuration(topology));
        } catch (IOException | JetStreamApiException e) {
            throw new StreamProvisioningException("cannot create or update JetStream consumer "
                    + topology.consumerName() + " on " + topology.streamName() + ": " + e.getMessage(), e);
        }
    }

    /** The consumer as the server holds it; empty when nobody created it yet. */
    public Optional<ConsumerConfiguration> existing(Connection connection) throws IOException, JetStreamApiException {
        return info(connection).map(ConsumerInfo::getConsumerConfiguration);
    }

    /**
     * The consumer's state on the server; empty when it does not exist, also when its stream does not. Its creation
     * time tells a consumer recreated since a worker bound to it from the one it bound to.
     */
    public Optional<ConsumerInfo> info(Connection connection) throws IOException, JetStreamApiException {
        try {
            return Optional.of(connection.jetStreamManagement()
                    .getConsumerInfo(topology.streamName(), topology.consumerName()));
        } catch (JetStreamApiException e) {
            int code = e.getApiErrorCode();
            if (code == JetStreamErrors.CONSUMER_NOT_FOUND || code == JetStreamErrors.STREAM_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The owner's consumer as a part of its {@link TopologyWatch}: recreated as at start when it is gone. */
    public TopologyWatch.Part watched(Connection connection, ConsumerPolicy policy) {
        return new TopologyWatch.Part() {
            @Override
            public List<String> missing() throws IOException, JetStreamApiException {
                return info(connection).isPresent() ? List.of()
                        : List.of("consumer " + topology.consumerName() + " missing");
            }

            @Override
            public void recreate(List<String> missing) {
                createOrUpdate(connection, policy);
            }
        };
    }

    /**
     * A worker's call: creates the consumer from {@code policy} only when it is missing; an existing one is kept as
     * its owner configured it, and settings that differ are named in one line instead of overwriting it.
     *
     * @return the configuration the consumer runs with (its ackWait paces the worker's in-progress signals)
     */
    public ConsumerConfiguration createIfMissing(Connection connection, ConsumerPolicy policy)
            throws IOException, JetStreamApiException {
        Optional<ConsumerConfiguration> existing = existing(connection);
        if (existing.isEmpty()) {
            ConsumerConfiguration wanted = policy.configuration(topology);
            connection.jetStreamManagement().addOrUpdateConsumer(topology.streamName(), wanted);
            log.info("consumer {} created on {} ({})", topology.consumerName(), topology.streamName(), policy);
            return wanted;
        }
        List<String> differences = policy.differences(existing.get());
        if (!differences.isEmpty()) {
            log.warn("consumer {} on {} is provisioned with {}; this worker keeps it as its owner (gateway or setup)"
                    + " configured it", topology.consumerName(), topology.streamName(), String.join(", ", differences));
        }
        return existing.get();
    }
}
