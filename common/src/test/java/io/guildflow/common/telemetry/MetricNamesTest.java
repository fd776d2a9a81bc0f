package io.guildflow.common.telemetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
            assertTrue(scrape.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " ")),
                    name + " in\n" + scrape);
        }
    }
}
