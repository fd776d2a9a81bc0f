package io.guildflow.gateway.ingress;

import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.NatsTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts envelopes on JetStream. The interaction id is the message id, so JetStream drops the
 * duplicates that a retry, a RESUME replay or two gateways during a handover would create.
 * A failed publish is retried with backoff for as long as the interaction can still be answered.
 */
public final class EnvelopePublisher implements AutoCloseable {
    /** Past this an interaction token is dead; retrying longer only fills the log. */
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(14);
    private static final Logger log = LoggerFactory.getLogger(EnvelopePublisher.class);

    private final JetStream jetStream;
    private final Topology topology;
    private final EnvelopeCodec codec;
    private final NatsTracing tracing;
    private final ScheduledExecutorService retries;
    private final Timer publishLatency;
    private final Counter published;
    private final Counter duplicates;
    private final Counter failures;

    public EnvelopePublisher(JetStream jetStream, Topology topology, EnvelopeCodec codec, NatsTracing tracing,
                             MeterRegistry registry) {
        this.jetStream = jetStream;
        this.topology = topology;
        this.codec = codec;
        this.tracing = tracing;
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gf-publish-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.publishLatency = Timer.builder("guildflow.gateway.publish")
                .description("Time from receiving an interaction to JetStream's publish acknowledgement")
                .publishPercentileHistogram().register(registry);
        this.published = registry.counter("guildflow.gateway.interactions.published");
        this.duplicates = registry.counter("guildflow.gateway.interactions.duplicates");
        this.failures = registry.counter("guildflow.gateway.publish.failures");
    }

    public CompletableFuture<PublishAck> publish(InteractionEnvelope envelope) {
        String subject = topology.interactionSubject(envelope);
        // The trace starts here and travels in the headers; the worker's span is its child.
        Span span = tracing.startPublish(subject, envelope.interactionId(), envelope.guildId().orElse(null));
        Headers headers = new Headers()
                .put(Topology.HEADER_MESSAGE_ID, envelope.interactionId())
                .put(Topology.HEADER_GUILD, envelope.guildId().orElse("dm"));
        tracing.inject(span, headers);
        NatsMessage message = NatsMessage.builder()
                .subject(subject)
                .headers(headers)
                .data(codec.encode(envelope))
                .build();
        CompletableFuture<PublishAck> result = new CompletableFuture<>();
        attempt(envelope, message, 1, result);
        return result.whenComplete((ack, error) -> {
            if (error != null) {
                span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
            }
            span.end();
        });
    }

    private void attempt(InteractionEnvelope envelope, NatsMessage message, int attempt,
                         CompletableFuture<PublishAck> result) {
        CompletableFuture<PublishAck> sent;
        try {
            sent = jetStream.publishAsync(message);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ack, error) -> {
            if (error == null) {
                publishLatency.record(Duration.between(envelope.receivedAt(), java.time.Instant.now()));
                (ack.isDuplicate() ? duplicates : published).increment();
                result.complete(ack);
                return;
            }
            failures.increment();
            Duration age = Duration.between(envelope.receivedAt(), java.time.Instant.now());
            if (age.compareTo(GIVE_UP_AFTER) > 0 || retries.isShutdown()) {
                log.error("giving up on interaction {} after {} publish attempts: {}", envelope.interactionId(),
                        attempt, error.toString());
                result.completeExceptionally(error);
                return;
            }
            long delay = Math.min(5_000, 50L << Math.min(attempt, 7));
            log.warn("publish of interaction {} failed (attempt {}), retrying in {} ms: {}",
                    envelope.interactionId(), attempt, delay, error.toString());
            retries.schedule(() -> attempt(envelope, message, attempt + 1, result), delay, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void close() {
        retries.shutdown();
    }
}
