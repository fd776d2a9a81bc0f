package io.guildflow.worker.events;

import io.guildflow.common.DaemonThreads;
import io.guildflow.common.event.EventScope;
import io.guildflow.common.nats.EventStreamSettings;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.consumer.DeadLetters;
import io.guildflow.worker.consumer.InFlight;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.dispatch.Dispatcher.GuildConfigSource;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.time.Clock;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the gateway-event stream: one durable pull consumer per partition ({@code <env>-event-workers-<p>},
 * filtered to that partition's guild subjects, and {@code <env>-event-workers-dm-<p>} for its direct messages),
 * shared by every worker, each with {@code maxAckPending = 1}.
 *
 * <p>That one is the ordering guarantee: the server hands out a partition's next event only after the previous one
 * was acknowledged, so a guild's events reach handlers one at a time in stream order, however many workers share
 * the partitions. Its cost: a partition's throughput is one handler transaction at a time (about 1,000 events/s
 * for a trivial handler on one PostgreSQL commit each), a slow or retried event holds up the other guilds of its
 * partition, and parallelism across the environment is at most {@code EVENT_PARTITIONS}.
 *
 * <p>Events are handled on a pool of their own ({@code EVENT_WORKER_CONCURRENCY} threads), never on the
 * interaction threads, so a flood of messages cannot delay an interaction's answer.
 */
public final class EventWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventWorkers.class);
    private static final int CONSUMER_NOT_FOUND = 10014;
    /** A pull waits this long for an event before the next: an idle worker asks each partition this often. */
    private static final Duration PULL_EXPIRES = Duration.ofSeconds(5);
    /** How often expired pulls are renewed: a partition whose pull expired waits at most this long. */
    private static final Duration REPULL_CHECK = Duration.ofMillis(100);
    /**
     * Guild and DM events have consumers of their own per partition (NATS 2.9 takes no filter spanning both); a
     * scope never changes kind, so each guild's (and each DM user's) order still rests on one consumer.
     */
    private static final List<String> KINDS = List.of(EventScope.GUILD, EventScope.DM);

    private final Connection nats;
    private final Topology topology;
    private final EventStreamSettings stream;
    private final ConsumerSettings settings;
    private final Duration shutdownTimeout;
    private final EventProcessor processor;
    private final ExecutorService pool;
    private final ScheduledExecutorService heartbeat;
    private final InFlight inFlight = new InFlight();
    private final List<Partition> partitions = new ArrayList<>();
    private final Dispatcher dispatcher;
    private volatile boolean running;

    EventWorkers(Connection nats, Topology topology, EventStreamSettings stream, ConsumerSettings settings,
                 Duration shutdownTimeout, EventProcessor processor, String workerId) {
        this.nats = nats;
        this.topology = topology;
        this.stream = stream;
        this.settings = settings;
        this.shutdownTimeout = shutdownTimeout;
        this.processor = processor;
        this.pool = Executors.newFixedThreadPool(settings.eventConcurrency(),
                DaemonThreads.numbered("gf-events-" + workerId));
        this.dispatcher = nats.createDispatcher();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("gf-events-" + workerId + "-heartbeat"));
    }

    /**
     * Assembles the event side of a worker; see {@link io.guildflow.worker.Worker}.
     *
     * @param committed told after every handler commit, so the outbox sends what handlers wrote at once
     */
    public static EventWorkers create(Connection nats, Topology topology, EventStreamSettings stream,
                                      ConsumerSettings settings, TransactionLimits limits, Duration shutdownTimeout,
                                      Database database, EventCatalog catalog, GuildConfigSource configs,
                                      MeterRegistry meters, Clock clock, String workerId, Runnable committed) {
        DeadLetters deadLetters;
        try {
            deadLetters = new DeadLetters(nats.jetStream(), topology);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a JetStream context", e);
        }
        EventProcessor processor = new EventProcessor(new EventProcessor.Setup(database, catalog, configs, limits,
                topology, deadLetters, new EventMetrics(meters), clock, workerId, settings.maxDeliver(), committed));
        return new EventWorkers(nats, topology, stream, settings, shutdownTimeout, processor, workerId);
    }

    /** Creates the partitions' consumers where missing (idempotent across workers starting at once), then consumes. */
    public synchronized void start() throws IOException, JetStreamApiException {
        if (running) {
            return;
        }
        JetStreamManagement management = nats.jetStreamManagement();
        JetStream jetStream = nats.jetStream();
        for (String kind : KINDS) {
            for (int partition = 0; partition < stream.partitions(); partition++) {
                createIfMissing(management, kind, partition);
            }
        }
        running = true;
        for (String kind : KINDS) {
            for (int partition = 0; partition < stream.partitions(); partition++) {
                Partition puller = new Partition();
                puller.subscription = jetStream.subscribe(null, dispatcher, message -> submit(puller, message),
                        PullSubscribeOptions.bind(topology.eventStreamName(), topology.eventConsumerName(kind, partition)));
                partitions.add(puller);
                puller.pull();
            }
        }
        long beat = ConsumerSettings.heartbeat(settings.ackWait()).toMillis();
        heartbeat.scheduleAtFixedRate(inFlight::extend, beat, beat, TimeUnit.MILLISECONDS);
        heartbeat.scheduleWithFixedDelay(this::renewExpiredPulls, REPULL_CHECK.toMillis(), REPULL_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("worker consuming {} in {} partitions (event concurrency {}, ackWait {})",
                topology.eventStreamName(), stream.partitions(), settings.eventConcurrency(), settings.ackWait());
    }

    /** The server-side configuration of the consumer of one scope kind's partition. */
    ConsumerConfiguration configuration(String kind, int partition) {
        return ConsumerConfiguration.builder()
                .durable(topology.eventConsumerName(kind, partition))
                .filterSubject(topology.eventPartitionSubjects(kind, partition))
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(settings.ackWait())
                // One event of a partition in flight at a time, across all workers: a guild's order.
                .maxAckPending(1)
                // Unlimited on the server: the worker dead-letters at MAX_DELIVER itself.
                .maxDeliver(-1)
                .deliverPolicy(DeliverPolicy.All)
                .build();
    }

    private void createIfMissing(JetStreamManagement management, String kind, int partition)
            throws IOException, JetStreamApiException {
        try {
            management.getConsumerInfo(topology.eventStreamName(), topology.eventConsumerName(kind, partition));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
                throw e;
            }
            // Workers starting together all get here: the same configuration twice is no error on the server.
            management.addOrUpdateConsumer(topology.eventStreamName(), configuration(kind, partition));
        }
    }

    /**
     * One partition's pull subscription. A worker asks for one event at a time and asks again as soon as it has
     * handled one (the server has by then received the acknowledgement, so the partition's next event can come):
     * a busy partition stays with the worker that is working through it, and an idle one is polled once per
     * {@link #PULL_EXPIRES}. The server's {@code maxAckPending = 1} keeps the order whatever the pulls do.
     */
    private final class Partition {
        private JetStreamSubscription subscription;
        private final AtomicInteger handling = new AtomicInteger();
        private volatile long pullExpiresAt;

        void pull() {
            if (!running) {
                return;
            }
            try {
                pullExpiresAt = System.nanoTime() + PULL_EXPIRES.toNanos();
                subscription.pullExpiresIn(1, PULL_EXPIRES);
            } catch (RuntimeException e) {
                // the connection is down: renewExpiredPulls asks again once the pull's time is up
                log.debug("event pull on {} failed: {}", subscription.getConsumerName(), e.toString());
            }
        }

        boolean pullExpired() {
            return handling.get() == 0 && System.nanoTime() - pullExpiresAt > 0;
        }
    }

    private void renewExpiredPulls() {
        for (Partition partition : partitions) {
            if (partition.pullExpired()) {
                partition.pull();
            }
        }
    }

    /** Called on the NATS dispatcher thread: hand over at once, the handler runs on the event pool. */
    private void submit(Partition partition, Message message) {
        if (!running) {
            message.nak();
            return;
        }
        partition.handling.incrementAndGet();
        inFlight.add(message);
        pool.execute(() -> {
            try {
                processor.process(message);
            } catch (RuntimeException e) {
                log.error("unexpected failure processing a gateway event; handing it back", e);
                message.nakWithDelay(Duration.ofSeconds(1));
            } finally {
                inFlight.remove(message);
                partition.handling.decrementAndGet();
                partition.pull();
            }
        });
    }

    /** Stops consuming, lets in-flight events finish within the shutdown timeout, hands the rest back. */
    @Override
    public synchronized void close() {
        running = false;
        heartbeat.shutdownNow();
        try {
            nats.closeDispatcher(dispatcher);
        } catch (RuntimeException e) {
            log.debug("closing the event dispatcher failed: {}", e.toString());
        }
        partitions.clear();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.handBack();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.handBack();
        } finally {
            pool.shutdownNow();
            heartbeat.shutdownNow();
        }
    }
}
