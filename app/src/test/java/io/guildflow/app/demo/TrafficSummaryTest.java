package io.guildflow.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficSummaryTest {

    @Test
    void percentilesUseNearestRank() {
        List<Duration> hundred = IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList();
        assertEquals(Duration.ofMillis(50), TrafficSummary.percentile(hundred, 0.50));
        assertEquals(Duration.ofMillis(99), TrafficSummary.percentile(hundred, 0.99));
        assertEquals(Duration.ofMillis(7), TrafficSummary.percentile(List.of(Duration.ofMillis(7)), 0.99));
        assertEquals(Duration.ZERO, TrafficSummary.percentile(List.of(), 0.5));
    }

    @Test
    void onlyACompleteTimelyRunWithoutDuplicatesPasses() {
        Duration ms = Duration.ofMillis(1);
        assertEquals(true, new TrafficSummary(5, 5, 5, 0, ms, ms, ms, ms).allAnsweredOnceInTime());
        assertEquals(false, new TrafficSummary(5, 4, 4, 0, ms, ms, ms, ms).allAnsweredOnceInTime());
        assertEquals(false, new TrafficSummary(5, 5, 4, 0, ms, ms, ms, ms).allAnsweredOnceInTime());
        assertEquals(false, new TrafficSummary(5, 5, 5, 1, ms, ms, ms, ms).allAnsweredOnceInTime());
    }
}
