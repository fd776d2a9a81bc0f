package io.guildflow.worker.events;

import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The gateway-event meters of a worker, tagged by Discord's dispatch name. */
final class EventMetrics {
    /** What became of one delivery. */
    enum Outcome {
        /** Its handlers ran and committed. */
        HANDLED,
        /** The ledger already had it (a redelivery or a second gateway's copy): acknowledged only. */
        DUPLICATE,
        /** A handler failed; handed back for a retry. */
        FAILED,
        /** Nothing takes this type (a gateway forwarding more than this worker's handlers take). */
        UNHANDLED,
        /** Could not be read (no type header, a body that is not JSON): dead-lettered. */
        MALFORMED,
        /** Failed on its last delivery: dead-lettered. */
        DEAD_LETTERED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void delivery(String type, Outcome outcome) {
        Counter.builder(MetricNames.WORKER_EVENTS).description("Gateway events by type and what became of them")
                .tag("type", type).tag("outcome", outcome.tag()).register(registry).increment();
        if (outcome == Outcome.DEAD_LETTERED || outcome == Outcome.MALFORMED) {
            Counter.builder(MetricNames.WORKER_EVENT_DEAD_LETTERS)
                    .description("Gateway events moved to the event dead-letter stream").tag("type", type)
                    .register(registry).increment();
        }
    }

    /**
     * The gateway's receipt of the event to its handlers' commit. With a histogram (one set of buckets per dispatch
     * type a handler takes, so bounded), because the dashboard's lag p99 and the event-lag alert need quantiles.
     */
    void lag(String type, Duration lag) {
        Timer.builder(MetricNames.WORKER_EVENT_LAG).description("Gateway receipt of an event to its handled commit")
                .tag("type", type).publishPercentileHistogram().register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
    }
}
