package io.guildflow.gateway.lifecycle;

import io.guildflow.common.DaemonThreads;
import io.guildflow.common.telemetry.MetricNames;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.GuildLifecycleEnvelope;
import io.guildflow.common.nats.Topology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.JetStream;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts lifecycle events on {@code gf.<env>.lifecycle.<guildId>}. They are rare and nobody waits
 * on them, so a failed publish is simply retried (same message id) for up to ten minutes, with at
 * most {@value #MAX_PENDING} waiting; past either they are dropped with an error line.
 */
public final class LifecyclePublisher implements AutoCloseable {
    static final int MAX_PENDING = 10_000;
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(LifecyclePublisher.class);

    private final JetStream jetStream;
    private final Topology topology;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService retries;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter published;
    private final Counter dropped;

    public LifecyclePublisher(JetStream jetStream, Topology topology, ObjectMapper mapper, MeterRegistry registry) {
        this.jetStream = jetStream;
        this.topology = topology;
        this.mapper = mapper;
        this.retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gf-lifecycle-retry"));
        this.published = registry.counter(MetricNames.LIFECYCLE_PUBLISHED);
        this.dropped = registry.counter(MetricNames.LIFECYCLE_DROPPED);
    }

    public void publish(GuildLifecycleEnvelope envelope) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            drop(envelope, "too many lifecycle events waiting");
            return;
        }
        NatsMessage message = NatsMessage.builder()
                .subject(topology.lifecycleSubject(envelope.guildId()))
                .headers(new Headers().put(Topology.HEADER_MESSAGE_ID, envelope.messageId())
                        .put(Topology.HEADER_GUILD, envelope.guildId()))
                .data(envelope.encode(mapper))
                .build();
        attempt(envelope, message, 1, System.nanoTime() + GIVE_UP_AFTER.toNanos());
    }

    private void attempt(GuildLifecycleEnvelope envelope, NatsMessage message, int attempt, long giveUpAt) {
        CompletableFuture<?> sent;
        try {
            sent = jetStream.publishAsync(message);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ack, error) -> {
            if (error == null) {
                pending.decrementAndGet();
                published.increment();
                return;
            }
            if (System.nanoTime() > giveUpAt || retries.isShutdown()) {
                pending.decrementAndGet();
                drop(envelope, error.toString());
                return;
            }
            long delayMillis = Math.min(5_000, 100L << Math.min(attempt, 6));
            retries.schedule(() -> attempt(envelope, message, attempt + 1, giveUpAt), delayMillis,
                    TimeUnit.MILLISECONDS);
        });
    }

    private void drop(GuildLifecycleEnvelope envelope, String reason) {
        dropped.increment();
        log.error("lifecycle event '{}' of guild {} not published: {}", envelope.event().label(),
                envelope.guildId(), reason);
    }

    @Override
    public void close() {
        retries.shutdown();
    }
}
