package io.guildflow.worker.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testsupport.observability.QueriedMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worker's event meters are registered at a type's first event, so the end-to-end scrape of a bot without
 * events never shows them: every name the dashboard and the alerts query is checked here against the meters as
 * {@link EventMetrics} registers them.
 */
class EventMetricsTest {

    @Test
    void everyQueriedWorkerEventMetricIsScraped() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EventMetrics metrics = new EventMetrics(registry);
        metrics.delivery("MESSAGE_CREATE", EventMetrics.Outcome.HANDLED);
        metrics.delivery("MESSAGE_CREATE", EventMetrics.Outcome.DEAD_LETTERED);
        metrics.lag("MESSAGE_CREATE", Duration.ofMillis(40));
        String scrape = registry.scrape();
        Set<String> queried = QueriedMetrics.startingWith("guildflow_worker_event");
        // the dashboard's handled, dead-letter and lag panels and the event-lag alert
        assertTrue(queried.containsAll(Set.of("guildflow_worker_events_total", "guildflow_worker_event_dead_letters_total",
                "guildflow_worker_event_lag_seconds_bucket")), queried.toString());
        for (String name : queried) {
            assertTrue(QueriedMetrics.scraped(scrape, name), name + " is queried but not scraped:\n" + scrape);
        }
    }

    @Test
    void lagHasBucketsForItsQuantiles() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new EventMetrics(registry).lag("MESSAGE_CREATE", Duration.ofSeconds(2));
        Pattern bucket = Pattern.compile("guildflow_worker_event_lag_seconds_bucket\\{type=\"MESSAGE_CREATE\",le=\"([0-9.]+)\"} (\\d+)");
        int buckets = 0;
        for (String line : registry.scrape().lines().toList()) {
            Matcher m = bucket.matcher(line);
            if (m.matches()) {
                buckets++;
                // cumulative: the 2 s sample is in every bucket from 2 s up, in none below
                assertEquals(Double.parseDouble(m.group(1)) >= 2.0 ? 1 : 0, Integer.parseInt(m.group(2)), line);
            }
        }
        assertTrue(buckets > 10, "buckets " + buckets);
    }
}
