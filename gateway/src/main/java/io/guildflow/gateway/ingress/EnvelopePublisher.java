package io.guildflow.gateway.ingress;

import io.guildflow.common.DaemonThreads;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.telemetry.MetricNames;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.NatsTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts envelopes on JetStream, asynchronously, with at most {@code maxInFlight} publishes awaiting
 * JetStream's answer. The interaction id is the message id, so JetStream drops the duplicates a
 * retry, a RESUME replay or two gateways during a handover would create.
 *
 * <p>While NATS is unreachable nothing is sent (so no copy waits in a client buffer); interactions
 * wait here and are sent when NATS is back, new ones before retries, so a backlog never slows
 * what arrives after the recovery. An interaction still unpublished {@code abandonAfter} after it
 * arrived is <em>abandoned</em>: it is never sent again and {@code onAbandoned} tells its user.
 * The rule that keeps "told it failed" and "applied later" apart: an interaction is abandoned
 * only when every attempt so far was refused or never sent; one whose attempt ended without a
 * clear answer (it may be stored) is retried until JetStream answers, and then answered by a worker.
 */
public final class EnvelopePublisher implements AutoCloseable {
    /**
     * @param maxInFlight  publishes awaiting JetStream's answer at once
     * @param maxBacklog   interactions waiting to be published (during an outage); more are abandoned at once
     * @param abandonAfter from receipt ({@code PUBLISH_ABANDON_AFTER}); past this the user is told the bot is
     *                     temporarily unavailable
     */
    public record Limits(int maxInFlight, int maxBacklog, Duration abandonAfter) {
        public static final Limits DEFAULT = new Limits(1_000, 50_000, Duration.ofSeconds(30));

        /** {@code PUBLISH_ABANDON_AFTER}; the two bounds of the client's memory keep their defaults. */
        public static Limits from(EnvironmentValues values) {
            return new Limits(DEFAULT.maxInFlight(), DEFAULT.maxBacklog(), values.duration("PUBLISH_ABANDON_AFTER",
                    DEFAULT.abandonAfter(), Duration.ofSeconds(1), TOKEN_LIFETIME,
                    "from 1s to 14m: an interaction's token dies after 15 minutes, and its user must still be told"));
        }
    }

    /** Past this an interaction token is dead: even a publish in doubt is dropped. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(14);
    private static final Logger log = LoggerFactory.getLogger(EnvelopePublisher.class);
    private static final long IDLE_POLL_MILLIS = 10;

    private final Connection nats;
    private final JetStream jetStream;
    private final Topology topology;
    private final EnvelopeCodec codec;
    private final NatsTracing tracing;
    private final Limits limits;
    private final Clock clock;
    private final Consumer<InteractionEnvelope> onAbandoned;
    private final ConcurrentHashMap<String, PendingPublish> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<PendingPublish> fresh = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<PendingPublish> retryReady = new ConcurrentLinkedQueue<>();
    private final Semaphore inFlight;
    private final ScheduledExecutorService scheduler;
    private final Thread pump;
    private volatile boolean running = true;
    private final Timer publishLatency;
    private final Counter published;
    private final Counter duplicates;
    private final Counter failures;
    private final Counter abandoned;

    public EnvelopePublisher(Connection nats, Topology topology, EnvelopeCodec codec, NatsTracing tracing,
                             MeterRegistry registry, Limits limits, Clock clock,
                             Consumer<InteractionEnvelope> onAbandoned) throws IOException {
        this.nats = nats;
        this.jetStream = nats.jetStream();
        this.topology = topology;
        this.codec = codec;
        this.tracing = tracing;
        this.limits = limits;
        this.clock = clock;
        this.onAbandoned = onAbandoned;
        this.inFlight = new Semaphore(limits.maxInFlight());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gf-publish-retry"));
        this.publishLatency = Timer.builder(MetricNames.GATEWAY_PUBLISH_LATENCY)
                .description("Time from receiving an interaction to JetStream's publish acknowledgement")
                .publishPercentileHistogram().register(registry);
        this.published = registry.counter(MetricNames.GATEWAY_PUBLISHED);
        this.duplicates = registry.counter(MetricNames.GATEWAY_DUPLICATES);
        this.failures = registry.counter(MetricNames.GATEWAY_PUBLISH_FAILURES);
        this.abandoned = Counter.builder(MetricNames.GATEWAY_ABANDONED)
                .description("Interactions never published; their users were told the bot is unavailable")
                .register(registry);
        Gauge.builder(MetricNames.GATEWAY_PUBLISH_BACKLOG, pending, ConcurrentHashMap::size)
                .description("Interactions received and not yet stored in JetStream").register(registry);
        scheduler.scheduleWithFixedDelay(this::abandonOverdue, 200, 200, TimeUnit.MILLISECONDS);
        this.pump = DaemonThreads.thread("gf-publish", this::pumpLoop);
        pump.start();
    }

    /** Queues the envelope; never blocks. The future completes when JetStream stored it (or abandoned). */
    public CompletableFuture<PublishAck> publish(InteractionEnvelope envelope) {
        String subject = topology.interactionSubject(envelope);
        // The trace starts here and travels in the headers; the worker's span is its child.
        Span span = tracing.startPublish(subject, envelope.interactionId(), envelope.guildId().orElse(null));
        Headers headers = new Headers()
                .put(Topology.HEADER_MESSAGE_ID, envelope.interactionId())
                .put(Topology.HEADER_GUILD, envelope.guildId().orElse("dm"));
        tracing.inject(span, headers);
        PendingPublish publish = new PendingPublish(envelope, subject, headers, codec.encode(envelope));
        publish.result.whenComplete((ack, error) -> {
            if (error != null) {
                span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
            }
            span.end();
        });
        PendingPublish already = pending.putIfAbsent(envelope.interactionId(), publish);
        if (already != null) {
            span.end();
            return already.result; // a replayed dispatch while the first is still on its way
        }
        if (!running || pending.size() > limits.maxBacklog()) {
            log.warn("publish backlog full ({}); interaction {} abandoned", limits.maxBacklog(),
                    envelope.interactionId());
            abandon(publish);
        } else {
            fresh.add(publish);
        }
        return publish.result;
    }

    /** Interactions received and not yet stored in JetStream (nor abandoned). */
    public int backlog() {
        return pending.size();
    }

    /** Waits until everything received is stored or abandoned, at most {@code timeout}. */
    public boolean awaitFlushed(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return pending.isEmpty();
    }

    private void pumpLoop() {
        while (running) {
            try {
                if (nats.getStatus() != Connection.Status.CONNECTED) {
                    Thread.sleep(IDLE_POLL_MILLIS); // send nothing that would wait in jnats' reconnect buffer
                    continue;
                }
                inFlight.acquire();
                PendingPublish next = fresh.poll();
                if (next == null) {
                    next = retryReady.poll();
                }
                if (next == null) {
                    next = fresh.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
                if (next == null) {
                    inFlight.release();
                } else if (nats.getStatus() != Connection.Status.CONNECTED) {
                    inFlight.release(); // lost while we waited for work: keep it for when NATS is back
                    retryReady.add(next);
                } else if (next.startSending()) {
                    send(next);
                } else {
                    inFlight.release(); // abandoned while it waited
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(PendingPublish publish) {
        CompletableFuture<PublishAck> sent;
        try {
            sent = jetStream.publishAsync(publish.message());
        } catch (RuntimeException e) {
            inFlight.release();
            failed(publish, e, false); // refused before anything left this process
            return;
        }
        sent.whenComplete((ack, error) -> {
            inFlight.release();
            if (error == null) {
                succeeded(publish, ack);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                // JetStream answered with an error (e.g. no stream, no responders): not stored.
                failed(publish, cause, !(cause instanceof JetStreamApiException));
            }
        });
    }

    private void succeeded(PendingPublish publish, PublishAck ack) {
        if (!publish.published()) {
            return;
        }
        pending.remove(publish.envelope.interactionId(), publish);
        publishLatency.record(Duration.between(publish.envelope.receivedAt(), clock.instant()));
        (ack.isDuplicate() ? duplicates : published).increment();
        publish.result.complete(ack);
    }

    private void failed(PendingPublish publish, Throwable error, boolean unclear) {
        failures.increment();
        int attempt = publish.attempts();
        long delayMillis = Math.min(2_000, 50L << Math.min(attempt, 6));
        publish.failed(unclear, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis));
        log.warn("publish of interaction {} failed (attempt {}{}), retrying in {} ms: {}",
                publish.envelope.interactionId(), attempt, unclear ? ", outcome unknown" : "", delayMillis,
                error.toString());
        if (running) {
            scheduler.schedule(() -> retryReady.add(publish), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void abandonOverdue() {
        for (PendingPublish publish : pending.values()) {
            Duration age = Duration.between(publish.envelope.receivedAt(), clock.instant());
            if (age.compareTo(limits.abandonAfter()) > 0 && publish.abandon()) {
                log.warn("interaction {} not published within {} s; its user is told the bot is unavailable",
                        publish.envelope.interactionId(), limits.abandonAfter().toSeconds());
                pending.remove(publish.envelope.interactionId(), publish);
                abandoned(publish);
            } else if (age.compareTo(TOKEN_LIFETIME) > 0 && publish.queued()) {
                // In doubt all along and its token is dead: nobody can answer it any more.
                log.error("giving up on interaction {} after {} attempts with unknown outcome",
                        publish.envelope.interactionId(), publish.attempts());
                pending.remove(publish.envelope.interactionId(), publish);
                publish.result.completeExceptionally(new IllegalStateException("interaction token expired"));
            }
        }
    }

    private void abandon(PendingPublish publish) {
        if (publish.abandon()) {
            pending.remove(publish.envelope.interactionId(), publish);
            abandoned(publish);
        }
    }

    private void abandoned(PendingPublish publish) {
        abandoned.increment();
        publish.result.completeExceptionally(new IllegalStateException("publish abandoned"));
        try {
            onAbandoned.accept(publish.envelope);
        } catch (RuntimeException e) {
            log.error("telling the user of abandoned interaction {} failed", publish.envelope.interactionId(), e);
        }
    }

    /** Stops sending; call {@link #awaitFlushed} first to send what was received. */
    @Override
    public void close() {
        running = false;
        pump.interrupt();
        scheduler.shutdownNow();
    }
}
