package io.guildflow.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Interactions are counted and timed per kind, command, outcome (and replay for the count). */
class WorkerMetricsTest {
    @Test
    void eachTagCombinationHasItsOwnCountAndTiming() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkerMetrics metrics = new WorkerMetrics(registry);
        metrics.interaction("command", "ping", "answered", false, Duration.ofMillis(2));
        metrics.interaction("command", "ping", "answered", false, Duration.ofMillis(4));
        metrics.interaction("command", "ping", "answered", true, Duration.ofMillis(1));
        metrics.interaction("command", "color", "failed", false, Duration.ofMillis(8));

        assertEquals(2.0, registry.get(MetricNames.WORKER_INTERACTIONS).tag("command", "ping")
                .tag("replay", "false").counter().count());
        assertEquals(1.0, registry.get(MetricNames.WORKER_INTERACTIONS).tag("command", "ping")
                .tag("replay", "true").counter().count());
        assertEquals(3, registry.get(MetricNames.WORKER_HANDLE).tag("command", "ping").timer().count());
        assertEquals(7.0, registry.get(MetricNames.WORKER_HANDLE).tag("command", "ping").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS));
        assertEquals(1, registry.get(MetricNames.WORKER_HANDLE).tag("command", "color").tag("outcome", "failed")
                .timer().count());
    }
}
