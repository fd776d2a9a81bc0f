package io.guildflow.common.discord.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the dashboard and the alert read, under the names they query. */
class GovernorMetricsTest {
    private final AtomicLong now = new AtomicLong(5_000_000);
    private final RestGovernor governor = new RestGovernor(50, new Breaker(2), new RecordingLink(2), now::get, "me");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void everyGovernorSeriesIsScrapedWithItsValue() {
        governor.bindMetrics(registry);
        RestGovernor.Permit permit = governor.admit("POST channels/{id}/messages", "1", Priority.OUTBOX).permit();
        governor.answered(permit, 429, Map.of("X-RateLimit-Scope", "user")::get, 1000);
        permit = governor.admit("PATCH channels/{id}/messages/{id}", "1", Priority.OUTBOX).permit();
        governor.answered(permit, 401, Map.<String, String>of()::get, 0);
        governor.waited(Priority.OUTBOX, 1500);
        assertTrue(governor.admit("POST channels/{id}/messages", "2", Priority.OUTBOX).shed());

        String scrape = registry.scrape();
        for (String name : MetricNames.WORKER_PROMETHEUS) {
            if (name.startsWith("guildflow_discord_governor_")) {
                assertTrue(scrape.contains(name), name + " in\n" + scrape);
            }
        }
        assertEquals(2, value(scrape, "guildflow_discord_governor_global_used "));
        assertEquals(25, value(scrape, "guildflow_discord_governor_global_share "), "50/s across two processes");
        assertEquals(2, value(scrape, "guildflow_discord_governor_invalid_requests "));
        assertEquals(1, value(scrape, "guildflow_discord_governor_breaker "));
        assertEquals(1, value(scrape, "guildflow_discord_governor_rate_limited_total{scope=\"user\"}"));
        assertEquals(0, value(scrape, "guildflow_discord_governor_rate_limited_total{scope=\"global\"}"));
        assertEquals(1.5, value(scrape, "guildflow_discord_governor_waited_seconds_total{priority=\"outbox\"}"));
        assertEquals(1, value(scrape, "guildflow_discord_governor_shed_total{priority=\"outbox\"}"));
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError(series + " in\n" + scrape));
    }
}
