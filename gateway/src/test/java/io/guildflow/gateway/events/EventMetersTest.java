package io.guildflow.gateway.events;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testsupport.observability.QueriedMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every gateway event metric the dashboard and the alerts query is one {@link EventMeters} registers, by that name. */
class EventMetersTest {

    @Test
    void everyQueriedGatewayEventMetricIsScraped() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EventMeters meters = new EventMeters(registry, new EventBuffer(1 << 20));
        meters.received("MESSAGE_CREATE");
        meters.published("MESSAGE_CREATE", false);
        meters.published("MESSAGE_CREATE", true);
        String scrape = registry.scrape();
        Set<String> queried = QueriedMetrics.startingWith("guildflow_gateway_events");
        assertTrue(queried.containsAll(Set.of("guildflow_gateway_events_received_total",
                "guildflow_gateway_events_published_total", "guildflow_gateway_events_dropped_total")),
                queried.toString());
        for (String name : queried) {
            assertTrue(QueriedMetrics.scraped(scrape, name), name + " is queried but not scraped:\n" + scrape);
        }
        assertTrue(scrape.contains("guildflow_gateway_events_received_total{type=\"message_create\"} 1.0"), scrape);
    }
}
