package io.guildflow.testsupport.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the measurement briefly and prints it; speed is reported, not asserted. */
class EmulatorThroughputTest {
    @Test
    void measuresRestAndDispatchThroughput() {
        ThroughputResult r = EmulatorThroughput.measure(4, Duration.ofSeconds(2), Duration.ofSeconds(2));
        System.out.println("EmulatorThroughput: " + r.summary());
        assertTrue(r.restCalls() > 0);
        assertEquals(0, r.restErrors());
        assertTrue(r.dispatches() > 0);
    }
}
