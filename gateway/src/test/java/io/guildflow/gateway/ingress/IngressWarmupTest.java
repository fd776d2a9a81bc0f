package io.guildflow.gateway.ingress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.nats.Topology;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class IngressWarmupTest {

    @Test
    void theSampleTravelsTheWholePath() {
        // A malformed sample would be logged and dropped on every iteration, warming nothing.
        assertTrue(IngressWarmup.run(new Topology("warmup"), Clock.systemUTC()) >= 1_000);
    }
}
