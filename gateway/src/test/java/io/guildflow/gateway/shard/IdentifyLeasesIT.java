package io.guildflow.gateway.shard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Two gateways' leases on the real NATS key-value store: one IDENTIFY per bucket per 5 s between them. */
class IdentifyLeasesIT {

    @Test
    void aSecondGatewayWaitsFiveSecondsAfterTheFirstIdentifyOfTheSameBucketOnly() throws Exception {
        Topology topology = new Topology("lease-" + UUID.randomUUID().toString().substring(0, 8));
        try (Connection first = Nats.connect("nats://127.0.0.1:4222");
             Connection second = Nats.connect("nats://127.0.0.1:4222")) {
            try {
                IdentifyLeases a = IdentifyLeases.open(first, topology, "gateway-a");
                IdentifyLeases b = IdentifyLeases.open(second, topology, "gateway-b");
                a.acquire(0);
                a.identified(0);
                long identifiedAt = System.nanoTime();

                long otherBucket = System.nanoTime();
                b.acquire(1);
                assertTrue(Duration.ofNanos(System.nanoTime() - otherBucket).compareTo(Duration.ofSeconds(2)) < 0,
                        "another bucket is free at once");

                b.acquire(0);
                Duration waited = Duration.ofNanos(System.nanoTime() - identifiedAt);
                assertTrue(waited.compareTo(Duration.ofMillis(4_900)) >= 0, "same bucket free after " + waited);
            } finally {
                new StreamProvisioner(topology).removeStreams(first);
            }
        }
    }
}
