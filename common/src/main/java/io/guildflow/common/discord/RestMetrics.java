package io.guildflow.common.discord;

import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Discord REST metrics, tagged by route template (never a real path: tokens stay out of tags). */
final class RestMetrics {
    private final MeterRegistry registry;

    RestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(Route route, String status, long startNanos) {
        Timer.builder(MetricNames.DISCORD_REQUESTS)
                .description("Discord REST requests by route template")
                .tag("route", route.template())
                .tag("method", route.method())
                .tag("status", status)
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    void rateLimited(Route route) {
        Counter.builder(MetricNames.DISCORD_RATE_LIMITED)
                .tag("route", route.template()).tag("method", route.method())
                .register(registry).increment();
    }
}
