package io.guildflow.worker.consumer;

import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;

/** The environment's one durable consumer: its configuration, and whether it exists. */
public final class ConsumerProvisioner {
    private static final int CONSUMER_NOT_FOUND = 10014;

    private final Topology topology;
    private final ConsumerSettings settings;

    public ConsumerProvisioner(Topology topology, ConsumerSettings settings) {
        this.topology = topology;
        this.settings = settings;
    }

    ConsumerConfiguration configuration() {
        return ConsumerConfiguration.builder()
                .durable(topology.consumerName())
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(settings.ackWait())
                // Unlimited on the server: the worker dead-letters at settings.maxDeliver itself, so an
                // event is never dropped silently because its last delivery failed.
                .maxDeliver(-1)
                .maxAckPending(settings.maxAckPending())
                .deliverPolicy(DeliverPolicy.All)
                .build();
    }

    public boolean exists(Connection nats) throws IOException, JetStreamApiException {
        try {
            nats.jetStreamManagement().getConsumerInfo(topology.streamName(), topology.consumerName());
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Creates the durable consumer when absent; true when it did. */
    public boolean ensure(Connection nats) throws IOException, JetStreamApiException {
        if (exists(nats)) {
            return false;
        }
        nats.jetStreamManagement().addOrUpdateConsumer(topology.streamName(), configuration());
        return true;
    }
}
