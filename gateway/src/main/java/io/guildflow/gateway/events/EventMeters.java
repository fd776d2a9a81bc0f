package io.guildflow.gateway.events;

import io.guildflow.common.event.EventScope;
import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's event meters. Per-type counters are tagged with the dispatch's subject token; their number is
 * bounded by the dispatch types the handlers subscribe to.
 */
final class EventMeters {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    final Counter dropped;
    final Counter failures;

    EventMeters(MeterRegistry registry, EventBuffer buffer) {
        this.registry = registry;
        this.dropped = Counter.builder(MetricNames.GATEWAY_EVENTS_DROPPED)
                .description("Events dropped because the gateway's event buffer (EVENT_BUFFER_BYTES) was full")
                .register(registry);
        this.failures = Counter.builder(MetricNames.GATEWAY_EVENTS_PUBLISH_FAILURES)
                .description("Event publishes that failed and are retried at the head of the queue")
                .register(registry);
        Gauge.builder(MetricNames.GATEWAY_EVENTS_BUFFER, buffer, EventBuffer::bytes).baseUnit("bytes")
                .description("Events received and not yet stored in JetStream, in bytes").register(registry);
    }

    void received(String type) {
        counter(MetricNames.GATEWAY_EVENTS_RECEIVED, type).increment();
    }

    void published(String type, boolean duplicate) {
        counter(duplicate ? MetricNames.GATEWAY_EVENTS_DUPLICATES : MetricNames.GATEWAY_EVENTS_PUBLISHED, type)
                .increment();
    }

    private Counter counter(String name, String type) {
        return counters.computeIfAbsent(name + "|" + type, k -> Counter.builder(name)
                .tag(MetricNames.TAG_EVENT_TYPE, EventScope.typeToken(type)).register(registry));
    }
}
