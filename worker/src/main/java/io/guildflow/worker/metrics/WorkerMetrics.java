package io.guildflow.worker.metrics;

import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The worker's meters. Tags are bounded: commands are the catalog's names (unknown ones are
 * "unknown"), kinds, outcomes and reasons are small fixed sets.
 */
public final class WorkerMetrics {
    private final MeterRegistry registry;
    private final Counter redeliveries;
    private final Timer answerLatency;
    private final Timer queueWait;
    /** Bounded like the tags (see above). */
    private final Map<InteractionTags, InteractionMeters> interactionMeters = new ConcurrentHashMap<>();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.redeliveries = Counter.builder(MetricNames.WORKER_REDELIVERIES)
                .description("Events received more than once (crash, timeout, nak)").register(registry);
        this.answerLatency = Timer.builder(MetricNames.WORKER_ANSWER_LATENCY)
                .description("From the interaction's creation at Discord (its id) to Discord accepting the answer")
                .publishPercentileHistogram().register(registry);
        this.queueWait = Timer.builder(MetricNames.WORKER_QUEUE_WAIT)
                .description("From the gateway's receipt of an interaction to a worker taking it (first delivery)")
                .publishPercentileHistogram().register(registry);
    }

    /** A worker took an interaction {@code sinceReceipt} after the gateway received it: publish and stream wait. */
    public void queueWait(Duration sinceReceipt) {
        queueWait.record(sinceReceipt);
    }

    public void interaction(String kind, String command, String outcome, boolean replay, Duration took) {
        InteractionMeters meters = interactionMeters.computeIfAbsent(new InteractionTags(kind, command, outcome, replay),
                this::register);
        meters.processed().increment();
        meters.handling().record(took);
    }

    /** Building a meter's id and finding it in the registry cost more than the recording, once per interaction. */
    private InteractionMeters register(InteractionTags tags) {
        Counter processed = Counter.builder(MetricNames.WORKER_INTERACTIONS)
                .description("Interactions processed, by kind, command and outcome")
                .tag(MetricNames.TAG_KIND, tags.kind()).tag("command", tags.command()).tag("outcome", tags.outcome())
                .tag("replay", Boolean.toString(tags.replay()))
                .register(registry);
        Timer handling = Timer.builder(MetricNames.WORKER_HANDLE)
                .description("From receiving the event to acking it: ledger, handler and answer")
                .tag(MetricNames.TAG_KIND, tags.kind()).tag("command", tags.command()).tag("outcome", tags.outcome())
                .publishPercentileHistogram()
                .register(registry);
        return new InteractionMeters(processed, handling);
    }

    private record InteractionTags(String kind, String command, String outcome, boolean replay) {}

    private record InteractionMeters(Counter processed, Timer handling) {}

    /** Discord accepted an answer {@code sinceCreation} after it created the interaction. */
    public void answered(Duration sinceCreation) {
        answerLatency.record(sinceCreation);
    }

    public void redelivery() {
        redeliveries.increment();
    }

    public void deadLetter(String reason) {
        Counter.builder(MetricNames.WORKER_DEAD_LETTERS)
                .description("Events moved to the dead-letter stream")
                .tag("reason", reason).register(registry).increment();
    }

    /** Processing could not finish (database, Discord or shutdown) and the event goes back to the stream. */
    public void retry(String cause) {
        Counter.builder(MetricNames.WORKER_RETRIES)
                .description("Events handed back to the stream for a later attempt")
                .tag("cause", cause).register(registry).increment();
    }

    /** A value read when scraped, such as the events in flight. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }

    /** Discord refused an answer with a client error that no retry can fix (not a rate limit). */
    public void answerRefused(String error) {
        Counter.builder(MetricNames.WORKER_DELIVERIES_REFUSED)
                .description("Answers Discord refused for good (4xx other than 429); not retried")
                .tag("error", error).register(registry).increment();
    }
}
