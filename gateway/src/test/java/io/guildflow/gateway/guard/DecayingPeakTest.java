package io.guildflow.gateway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecayingPeakTest {
    @Test
    void keepsTheLargestAndHalvesItEveryHalfLife() {
        DecayingPeak peak = new DecayingPeak(100);
        assertEquals(0, peak.current(0));
        peak.record(800, 1_000);
        peak.record(300, 1_000);
        assertEquals(800, peak.current(1_000));
        assertEquals(400, peak.current(1_100));
        assertEquals(200, peak.current(1_200));
        peak.record(300, 1_200);
        assertEquals(300, peak.current(1_200), "a sample above the faded peak replaces it");
    }
}
