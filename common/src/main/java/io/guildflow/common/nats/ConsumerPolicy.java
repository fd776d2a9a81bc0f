package io.guildflow.common.nats;

import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server-side configuration of the environment's durable consumer, shared by every worker;
 * {@link ConsumerProvisioner} creates it from this and checks the one on the server against it. It is derived
 * from the worker's consumer settings in one place, {@code ConsumerSettings.policy()} (worker), whoever provisions.
 *
 * @param ackWait       how long JetStream waits for an ack before redelivering ({@code ACK_WAIT})
 * @param maxAckPending un-acked events across all workers of the environment
 */
public record ConsumerPolicy(Duration ackWait, int maxAckPending) {

    public ConsumerConfiguration configuration(Topology topology) {
        return ConsumerConfiguration.builder()
                .durable(topology.consumerName())
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(ackWait)
                // Unlimited on the server: the worker dead-letters at MAX_DELIVER itself, so an event is
                // never dropped silently because its last delivery failed.
                .maxDeliver(-1)
                .maxAckPending(maxAckPending)
                .deliverPolicy(DeliverPolicy.All)
                .build();
    }

    /** What differs between this policy and the consumer on the server, one phrase per setting; empty when they agree. */
    public List<String> differences(ConsumerConfiguration actual) {
        List<String> differences = new ArrayList<>();
        if (!ackWait.equals(actual.getAckWait())) {
            differences.add("ackWait " + actual.getAckWait() + " (expected " + ackWait + ")");
        }
        if (actual.getMaxAckPending() != maxAckPending) {
            differences.add("maxAckPending " + actual.getMaxAckPending() + " (expected " + maxAckPending + ")");
        }
        if (actual.getMaxDeliver() != -1) {
            differences.add("maxDeliver " + actual.getMaxDeliver() + " (expected unlimited)");
        }
        if (actual.getAckPolicy() != AckPolicy.Explicit) {
            differences.add("ackPolicy " + actual.getAckPolicy() + " (expected explicit)");
        }
        return differences;
    }
}
