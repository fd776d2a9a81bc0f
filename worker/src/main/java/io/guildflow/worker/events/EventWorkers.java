package io.guildflow.worker.events;

import io.guildflow.common.nats.JetStreamErrors;
import io.guildflow.common.BackgroundPriority;
import io.guildflow.common.DaemonThreads;
import io.guildflow.common.event.EventScope;
import io.guildflow.common.nats.EventStreamSettings;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.nats.TopologyWatch;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.consumer.DeadLetters;
import io.guildflow.worker.consumer.InFlight;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.dispatch.BeforeCommit;
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
import io.nats.client.api.ConsumerInfo;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>Events are handled on a pool of their own ({@code EVENT_WORKER_CONCURRENCY} threads) at the lowest CPU
 * priority ({@link BackgroundPriority}), never on the interaction threads, so a flood of messages delays an
 * interaction's answer as little as it can: on a saturated host the events fall behind, not the interactions.
 */
public final class EventWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventWorkers.class);
    /** A pull waits this long for an event before the next: an idle worker asks each partition this often. */
    private static final Duration PULL_EXPIRES = Duration.ofSeconds(5);
    /** How often expired pulls are renewed: a partition whose pull expired waits at most this long. */
    private static final Duration REPULL_CHECK = Duration.ofMillis(100);
    /** Pauses between tries to bind the consumers: doubling from the first to the last. */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
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
    private volatile boolean closed;

    EventWorkers(Connection nats, Topology topology, EventStreamSettings stream, ConsumerSettings settings,
                 Duration shutdownTimeout, EventProcessor processor, String workerId) {
        this.nats = nats;
        this.topology = topology;
        this.stream = stream;
        this.settings = settings;
        this.shutdownTimeout = shutdownTimeout;
        this.processor = processor;
        this.pool = Executors.newFixedThreadPool(settings.eventConcurrency(),
                BackgroundPriority.lowered(DaemonThreads.numbered("gf-events-" + workerId)));
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
                topology, deadLetters, new EventMetrics(meters), clock, workerId, settings.maxDeliver(), committed,
                BeforeCommit.NONE));
        return new EventWorkers(nats, topology, stream, settings, shutdownTimeout, processor, workerId);
    }

    /**
     * Binds in the background and returns at once: creating the partitions' consumers takes seconds (on a
     * replicated stream each one is a Raft group of its own), and the interaction side must not wait for it. Events
     * published meanwhile wait in the stream; a consumer created later starts from its first one. A failure is one
     * line and another try, with a growing pause, until it binds or the worker closes.
     */
    public void startInBackground() {
        heartbeat.execute(() -> bind(FIRST_RETRY));
    }

    private void bind(Duration retry) {
        if (closed) {
            return;
        }
        try {
            subscribe(createMissingConsumers());
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            if (closed) {
                return;
            }
            log.warn("gateway-event consumers on {} not bound yet ({}); trying again in {} s, interactions are"
                    + " served meanwhile", topology.eventStreamName(), e.getMessage(), retry.toSeconds());
            Duration next = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            try {
                heartbeat.schedule(() -> bind(next), retry.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closedMeanwhile) {
                log.debug("worker closed while binding the gateway-event consumers");
            }
        }
    }

    /**
     * One listing, then only the missing consumers: the second worker of a rollout finds all of them and binds at
     * once. Workers starting together may both create one; the same configuration twice is no error on the server.
     *
     * @return when each partition's consumer was created, by consumer name (another time later means it was replaced)
     */
    private Map<String, ZonedDateTime> createMissingConsumers() throws IOException, JetStreamApiException {
        JetStreamManagement management = nats.jetStreamManagement();
        Map<String, ZonedDateTime> created = existingConsumers(management);
        for (String kind : KINDS) {
            for (int partition = 0; partition < stream.partitions(); partition++) {
                String name = topology.eventConsumerName(kind, partition);
                if (closed) {
                    return created;
                }
                if (!created.containsKey(name)) {
                    created.put(name, management.addOrUpdateConsumer(topology.eventStreamName(),
                            configuration(kind, partition)).getCreationTime());
                }
            }
        }
        return created;
    }

    private synchronized void subscribe(Map<String, ZonedDateTime> created) throws IOException, JetStreamApiException {
        if (closed || running) {
            return;
        }
        JetStream jetStream = nats.jetStream();
        running = true;
        try {
            for (String kind : KINDS) {
                for (int partition = 0; partition < stream.partitions(); partition++) {
                    Partition puller = new Partition(topology.eventConsumerName(kind, partition),
                            created.get(topology.eventConsumerName(kind, partition)));
                    puller.subscription = jetStream.subscribe(null, dispatcher, message -> submit(puller, message),
                            PullSubscribeOptions.bind(topology.eventStreamName(), puller.consumer));
                    partitions.add(puller);
                    puller.pull();
                }
            }
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            // all partitions or none: the next try binds every one afresh
            running = false;
            for (Partition bound : partitions) {
                dispatcher.unsubscribe(bound.subscription);
            }
            partitions.clear();
            throw e;
        }
        long beat = ConsumerSettings.heartbeat(settings.ackWait()).toMillis();
        heartbeat.scheduleAtFixedRate(inFlight::extend, beat, beat, TimeUnit.MILLISECONDS);
        heartbeat.scheduleWithFixedDelay(this::renewExpiredPulls, REPULL_CHECK.toMillis(), REPULL_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("worker consuming {} in {} partitions (event concurrency {}, ackWait {})",
                topology.eventStreamName(), stream.partitions(), settings.eventConcurrency(), settings.ackWait());
    }

    /** The event stream's consumers and when each was created; none while the stream itself is missing. */
    private Map<String, ZonedDateTime> existingConsumers(JetStreamManagement management)
            throws IOException, JetStreamApiException {
        Map<String, ZonedDateTime> existing = new HashMap<>();
        try {
            for (ConsumerInfo info : management.getConsumers(topology.eventStreamName())) {
                existing.put(info.getName(), info.getCreationTime());
            }
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != JetStreamErrors.STREAM_NOT_FOUND) {
                throw e;
            }
        }
        return existing;
    }

    /**
     * The partitions' consumers as a part of the worker's {@link TopologyWatch}, once bound (until then the
     * background binding above is in charge): the missing ones are created again and every partition whose
     * consumer is not the one it bound to binds afresh. Not a readiness condition, as at start.
     */
    public TopologyWatch.Part watched() {
        return new TopologyWatch.Part() {
            @Override
            public List<String> missing() throws IOException, JetStreamApiException {
                if (!running || closed) {
                    return List.of();
                }
                long stale = stale(existingConsumers(nats.jetStreamManagement()));
                return stale == 0 ? List.of() : List.of(stale + " of " + KINDS.size() * stream.partitions()
                        + " gateway-event consumers on " + topology.eventStreamName() + " missing or replaced");
            }

            @Override
            public void recreate(List<String> missing) throws IOException, JetStreamApiException {
                rebind(createMissingConsumers());
            }

            @Override
            public boolean gatesReadiness() {
                return false;
            }
        };
    }

    /** How many partitions are bound to a consumer the server no longer holds. */
    private synchronized long stale(Map<String, ZonedDateTime> existing) {
        return partitions.stream().filter(p -> !Objects.equals(p.boundTo, existing.get(p.consumer))).count();
    }

    /** A new subscription for each partition whose consumer was replaced; its next pull goes there. */
    private synchronized void rebind(Map<String, ZonedDateTime> created) throws IOException, JetStreamApiException {
        if (!running) {
            return;
        }
        JetStream jetStream = nats.jetStream();
        for (Partition partition : partitions) {
            ZonedDateTime now = created.get(partition.consumer);
            if (now == null || now.equals(partition.boundTo)) {
                continue;
            }
            JetStreamSubscription previous = partition.subscription;
            partition.subscription = jetStream.subscribe(null, dispatcher, message -> submit(partition, message),
                    PullSubscribeOptions.bind(topology.eventStreamName(), partition.consumer));
            partition.boundTo = now;
            dispatcher.unsubscribe(previous);
            partition.pull();
        }
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

    /**
     * One partition's pull subscription. A worker asks for one event at a time and asks again as soon as it has
     * handled one (the server has by then received the acknowledgement, so the partition's next event can come):
     * a busy partition stays with the worker that is working through it, and an idle one is polled once per
     * {@link #PULL_EXPIRES}. The server's {@code maxAckPending = 1} keeps the order whatever the pulls do.
     */
    private final class Partition {
        private final String consumer;
        /** When the consumer bound to was created; rebinding changes it, on the watch's thread. */
        private volatile ZonedDateTime boundTo;
        private volatile JetStreamSubscription subscription;
        private final AtomicInteger handling = new AtomicInteger();
        private volatile long pullExpiresAt;

        Partition(String consumer, ZonedDateTime boundTo) {
            this.consumer = consumer;
            this.boundTo = boundTo;
        }

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
    public void close() {
        closed = true;
        closeConsumption();
    }

    private synchronized void closeConsumption() {
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
