package io.guildflow.common.telemetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dotted names turn into the Prometheus names dashboards query. */
class MetricNamesTest {

    @Test
    void discordGaugesKeepTheNamesOperatorsDashboardsUse() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder(MetricNames.DISCORD_CONNECTED, () -> 1).tag(MetricNames.TAG_SHARD, "0").register(registry);
        Gauge.builder(MetricNames.DISCORD_LATENCY, () -> 0.04).baseUnit("seconds").tag(MetricNames.TAG_SHARD, "0")
                .register(registry);
        FunctionCounter.builder(MetricNames.DISCORD_GUILDS, this, t -> 3).tag(MetricNames.TAG_SHARD, "0")
                .register(registry);
        Gauge.builder(MetricNames.DISCORD_LAST_DISPATCH_AGE, () -> 2).baseUnit("seconds")
                .tag(MetricNames.TAG_SHARD, "0").register(registry);
        Gauge.builder(MetricNames.DISCORD_IDENTIFY_REMAINING, () -> 999).register(registry);
        String scrape = registry.scrape();
        for (String name : MetricNames.GATEWAY_PROMETHEUS.subList(0, 5)) {
            assertScraped(scrape, name);
        }
    }

    /** The counters registered only when first counted, so no end-to-end scrape shows them: as docs/operations.md names them. */
    @Test
    void countersRegisteredAtFirstUseKeepTheirDocumentedNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder(MetricNames.WORKER_RETRIES).tag("cause", "contended").register(registry).increment();
        Counter.builder(MetricNames.WORKER_DELIVERIES_REFUSED).tag("error", "unknown_interaction").register(registry)
                .increment();
        Counter.builder(MetricNames.DISCORD_RATE_LIMITED).tag("route", "r").tag("method", "POST").register(registry)
                .increment();
        String scrape = registry.scrape();
        for (String name : List.of("guildflow_worker_retries_total", "guildflow_worker_deliveries_refused_total",
                "guildflow_discord_rate_limited_total")) {
            assertScraped(scrape, name);
        }
    }

    private static void assertScraped(String scrape, String name) {
        assertTrue(scrape.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " ")),
                name + " in\n" + scrape);
    }
}
