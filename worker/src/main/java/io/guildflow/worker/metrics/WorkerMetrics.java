package io.guildflow.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The worker's meters. Tags are bounded: commands are the catalog's names (unknown ones are
 * "unknown"), outcomes and reasons are small fixed sets.
 */
public final class WorkerMetrics {
    private final MeterRegistry registry;
    private final Counter redeliveries;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.redeliveries = Counter.builder("guildflow.worker.redeliveries")
                .description("Events received more than once (crash, timeout, nak)").register(registry);
    }

    public void interaction(String command, String outcome, boolean replay, Duration took) {
        Counter.builder("guildflow.worker.interactions")
                .description("Interactions processed, by command and outcome")
                .tag("command", command).tag("outcome", outcome).tag("replay", Boolean.toString(replay))
                .register(registry).increment();
        Timer.builder("guildflow.worker.handle")
                .description("From receiving the event to acking it: ledger, handler and answer")
                .tag("command", command).tag("outcome", outcome)
                .register(registry).record(took);
    }

    public void redelivery() {
        redeliveries.increment();
    }

    public void deadLetter(String reason) {
        Counter.builder("guildflow.worker.dead_letters")
                .description("Events moved to the dead-letter stream")
                .tag("reason", reason).register(registry).increment();
    }

    /** Processing could not finish (database, Discord or shutdown) and the event goes back to the stream. */
    public void retry(String cause) {
        Counter.builder("guildflow.worker.retries")
                .description("Events handed back to the stream for a later attempt")
                .tag("cause", cause).register(registry).increment();
    }

    /** Discord refused an answer with a client error that no retry can fix (not a rate limit). */
    public void deliveryRefused(String error) {
        Counter.builder("guildflow.worker.deliveries_refused")
                .description("Answers Discord refused for good (4xx other than 429); not retried")
                .tag("error", error).register(registry).increment();
    }
}
