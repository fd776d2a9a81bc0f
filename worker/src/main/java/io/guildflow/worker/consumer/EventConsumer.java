package io.guildflow.worker.consumer;

import io.guildflow.common.DaemonThreads;
import io.guildflow.common.telemetry.NatsTracing;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.nats.ConsumerProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.nats.TopologyWatch;
import io.guildflow.worker.dispatch.AnswerSender;
import io.guildflow.worker.dispatch.InteractionProcessor;
import io.guildflow.common.telemetry.MetricNames;
import io.guildflow.worker.metrics.WorkerMetrics;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.StreamContext;
import io.nats.client.api.ConsumerInfo;
import java.util.Iterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls from the environment's durable consumer, shared by every worker like a queue group, and
 * processes events on a bounded pool. A pull never asks for more events than the intake's adaptive
 * limit has room for ({@link IntakeLimit}: it follows the measured handling latency, at most
 * {@code WORKER_CONCURRENCY}), so a busy or slow worker leaves events to idle ones instead of hoarding them. Every pull is answered
 * on one subscription: an event the server sends just as a pull expires is taken by the next pull
 * instead of landing on an inbox the client already closed and waiting out the ack wait (jnats' fetch
 * closes its own inbox on a client-side timer that can run out before the server's).
 */
public final class EventConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    /** A pull is a long poll: it returns as soon as events arrive, and at the latest after this. */
    private static final long PULL_EXPIRES_MILLIS = 1_000;
    /** How often the lag gauges ask the server; a scrape every 15 s sees values at most this old. */
    private static final long CONSUMER_INFO_MILLIS = 2_000;
    /** How long the pull loop waits for room before it looks at the database gate and the stop flag again. */
    private static final long PERMIT_WAIT_MILLIS = 200;

    private final Connection nats;
    private final Topology topology;
    private final ConsumerSettings settings;
    private final Duration shutdownTimeout;
    private final EventPipeline pipeline;
    private final ConsumerProvisioner provisioner;
    private final DatabaseGate databaseGate;
    private final IntakeLimit intake;
    private final InFlight inFlight = new InFlight();
    /**
     * Pulled as this worker stops, never started: handed back by {@link #close} once this worker has unsubscribed.
     * A nak while its pull request is still open on the server brings the event straight back here, each return a
     * delivery counted towards {@code MAX_DELIVER}: a few milliseconds of that dead-lettered an unhandled interaction.
     */
    private final InFlight unclaimed = new InFlight();
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeat;
    private final Thread puller;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong ackPending = new AtomicLong();
    private volatile ConsumerContext consumer;
    private volatile JetStreamSubscription subscription;
    /** When the consumer this worker is bound to was created; another time on the server means it was replaced. */
    private volatile ZonedDateTime boundTo;
    private volatile boolean running;
    /** The last pull failure logged (pull thread only): a lasting one is one line, not two a second. */
    private String lastPullFailure;

    EventConsumer(Connection nats, Topology topology, ConsumerSettings settings, Duration shutdownTimeout,
                  EventPipeline pipeline, DatabaseGate databaseGate, String workerId, WorkerMetrics metrics) {
        this.nats = nats;
        this.databaseGate = databaseGate;
        this.topology = topology;
        this.settings = settings;
        this.shutdownTimeout = shutdownTimeout;
        this.pipeline = pipeline;
        this.provisioner = new ConsumerProvisioner(topology);
        this.intake = new IntakeLimit(settings.concurrency(), Duration.ofMillis(PERMIT_WAIT_MILLIS));
        this.workers = Executors.newFixedThreadPool(settings.concurrency(),
                DaemonThreads.numbered("gf-worker-" + workerId));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("gf-worker-" + workerId + "-heartbeat"));
        this.puller = DaemonThreads.thread("gf-worker-" + workerId + "-pull", this::pullLoop);
        metrics.gauge(MetricNames.WORKER_IN_FLIGHT, "Events this worker is handling now", inFlight::size);
        metrics.gauge(MetricNames.WORKER_INTAKE_LIMIT,
                "Events this worker may hold now: its adaptive limit, at most WORKER_CONCURRENCY", intake::limit);
        metrics.gauge(MetricNames.CONSUMER_PENDING, "Events in the stream not yet delivered to any worker (lag)",
                pending::get);
        metrics.gauge(MetricNames.CONSUMER_ACK_PENDING, "Events delivered to workers and not yet acknowledged",
                ackPending::get);
    }

    /** Creates the durable consumer if absent (idempotent) and starts pulling. */
    public synchronized void start() throws IOException, JetStreamApiException {
        if (running) {
            return;
        }
        Duration ackWait = bind();
        subscription = nats.jetStream().subscribe(null,
                PullSubscribeOptions.bind(topology.streamName(), topology.consumerName()));
        running = true;
        long beat = ConsumerSettings.heartbeat(ackWait).toMillis();
        heartbeat.scheduleAtFixedRate(() -> {
            inFlight.extend();
            unclaimed.extend(); // kept until handed back, not redelivered elsewhere meanwhile
        }, beat, beat, TimeUnit.MILLISECONDS);
        heartbeat.scheduleWithFixedDelay(this::readConsumerInfo, 0, CONSUMER_INFO_MILLIS, TimeUnit.MILLISECONDS);
        puller.start();
        log.info("worker consuming {} as {} (adaptive concurrency from {} up to {}, ackWait {})",
                topology.streamName(), topology.consumerName(), intake.limit(), intake.maximum(), ackWait);
    }

    /**
     * Binds to the shared durable consumer, creating it only when nobody has (its owner, the gateway or
     * {@code setup}, decides its configuration: {@link ConsumerProvisioner}).
     *
     * @return the consumer's actual ackWait, which paces the in-progress signals
     */
    private Duration bind() throws IOException, JetStreamApiException {
        StreamContext stream = nats.getStreamContext(topology.streamName());
        Duration ackWait = provisioner.createIfMissing(nats, settings.policy()).getAckWait();
        consumer = stream.getConsumerContext(topology.consumerName());
        boundTo = consumer.getConsumerInfo().getCreationTime();
        return ackWait;
    }

    /**
     * The durable consumer as a part of the worker's {@link TopologyWatch}: created when it is gone (as at start),
     * and bound afresh whenever the one on the server is not the one this worker bound to (NATS restarted on an
     * empty store, the gateway recreated it). A pull on the old subscription would ask a consumer that no longer
     * exists and get errors or nothing, depending on when it was sent.
     */
    public TopologyWatch.Part watched() {
        return new TopologyWatch.Part() {
            @Override
            public List<String> missing() throws IOException, JetStreamApiException {
                Optional<ConsumerInfo> info = provisioner.info(nats);
                if (info.isEmpty()) {
                    return List.of("consumer " + topology.consumerName() + " missing");
                }
                return info.get().getCreationTime().equals(boundTo) ? List.of()
                        : List.of("consumer " + topology.consumerName() + " replaced, this worker re-binds");
            }

            @Override
            public void recreate(List<String> missing) throws IOException, JetStreamApiException {
                rebind();
            }
        };
    }

    /** A new subscription on the consumer as it is now (created if missing); the pull loop takes it at its next pull. */
    private synchronized void rebind() throws IOException, JetStreamApiException {
        if (!running) {
            return;
        }
        bind();
        JetStreamSubscription previous = subscription;
        subscription = nats.jetStream().subscribe(null,
                PullSubscribeOptions.bind(topology.streamName(), topology.consumerName()));
        try {
            // what it still holds came from the consumer that is gone: its acknowledgements would find no one
            previous.unsubscribe();
        } catch (RuntimeException e) {
            log.debug("dropping the previous subscription failed: {}", e.toString());
        }
        log.info("worker bound again to {} on {}", topology.consumerName(), topology.streamName());
    }

    /** Lag and ack pending as the server counts them, for the gauges; a failed read keeps the last values. */
    private void readConsumerInfo() {
        try {
            ConsumerInfo info = consumer.getConsumerInfo();
            pending.set(info.getNumPending());
            ackPending.set(info.getNumAckPending());
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            log.debug("cannot read consumer info: {}", e.toString());
        }
    }

    /** For /ready: the durable is bound and the pull loop runs on a live connection. */
    public boolean isBound() {
        return running && consumer != null && puller.isAlive() && nats.getStatus() == Connection.Status.CONNECTED;
    }

    /** False while pulling is paused because the database is unreachable. */
    public boolean databaseAvailable() {
        return databaseGate.isOpen();
    }

    private void pullLoop() {
        while (running) {
            if (!databaseGate.admits()) {
                pause(100);
                continue;
            }
            int room = intake.room();
            if (room == 0) {
                // wait until an event in hand is settled; the permit only says so, each event takes its own
                intake.awaitPermit().ifPresent(IntakeLimit.Permit::unused);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                continue;
            }
            try {
                Iterator<Message> pulled = subscription.iterate(room, Duration.ofMillis(PULL_EXPIRES_MILLIS));
                lastPullFailure = null;
                while (pulled.hasNext()) {
                    take(pulled.next());
                }
            } catch (Exception e) {
                if (nats.getStatus() == Connection.Status.CLOSED) {
                    log.warn("NATS connection closed; {} stops pulling", topology.consumerName());
                    running = false;
                    return;
                }
                String failure = e.toString();
                if (failure.equals(lastPullFailure)) {
                    log.debug("pull from {} failed again: {}", topology.consumerName(), failure);
                } else {
                    log.warn("pull from {} failed, retrying: {}", topology.consumerName(), failure);
                }
                lastPullFailure = failure;
                pause(500);
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * Hands a pulled event to the pool under a permit of its own, taken at receipt so that its latency counts
     * from here. The limit may have shrunk since the pull asked for it: then the event waits for a permit.
     */
    private void take(Message message) {
        inFlight.add(message); // kept through in-progress signals while it waits, so it is not redelivered elsewhere
        while (running) {
            Optional<IntakeLimit.Permit> permit = intake.awaitPermit();
            if (permit.isPresent()) {
                submit(message, permit.get());
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        inFlight.remove(message);
        unclaimed.add(message);
    }

    private void submit(Message message, IntakeLimit.Permit permit) {
        workers.execute(() -> {
            boolean settled = false;
            try {
                settled = pipeline.process(message);
            } catch (RuntimeException e) {
                // A bug in the pipeline, not in a handler: hand the event back instead of losing it.
                log.error("unexpected failure processing an event; handing it back", e);
                try {
                    message.nakWithDelay(Duration.ofSeconds(5));
                } catch (RuntimeException nakFailed) {
                    // Connection gone: JetStream redelivers after ackWait anyway.
                    log.debug("nak failed: {}", nakFailed.toString());
                }
            } finally {
                inFlight.remove(message);
                if (settled) {
                    permit.done();
                } else {
                    permit.dropped();
                }
            }
        });
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops pulling, hands what was pulled and not started back (nak) once nothing more can arrive here, lets
     * in-flight events finish within the shutdown timeout, then hands the rest back, so another worker takes them
     * at once. A deploy never loses an event; at worst one is handled by the next worker while this one is still
     * rolling back.
     */
    @Override
    public synchronized void close() {
        if (!running && !puller.isAlive()) {
            shutdownExecutors();
            return;
        }
        running = false;
        try {
            puller.join(PULL_EXPIRES_MILLIS + 2_000);
            unsubscribe();
            unclaimed.handBack();
            workers.shutdown();
            if (!workers.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} events still in flight after {}; handing them back", inFlight.size(), shutdownTimeout);
                inFlight.handBack();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.handBack();
        } finally {
            shutdownExecutors();
            unclaimed.handBack(); // a pull loop that outlived its join may have taken more
        }
    }

    /**
     * Nothing more arrives for this worker. An event the server sent as the last pull expired is already in
     * the subscription's buffer: kept with the unclaimed ones, handed back after this, not left to wait out the ack
     * wait.
     */
    private void unsubscribe() throws InterruptedException {
        if (subscription == null || !subscription.isActive()) {
            return;
        }
        try {
            Message late;
            while ((late = subscription.nextMessage(Duration.ofMillis(10))) != null) {
                unclaimed.add(late);
            }
            subscription.unsubscribe();
        } catch (RuntimeException e) {
            log.debug("unsubscribing failed: {}", e.toString());
        }
    }

    private void shutdownExecutors() {
        // Interrupted handlers roll back and count as transient, so nothing half-done is recorded.
        workers.shutdownNow();
        heartbeat.shutdownNow();
    }

    /**
     * Assembles the consumer from its collaborators; see {@link io.guildflow.worker.Worker}.
     *
     * @param shutdownTimeout how long {@link #close()} lets in-flight events finish before handing them back
     */
    public static EventConsumer create(Connection nats, Topology topology, ConsumerSettings settings,
                                       Duration shutdownTimeout, InteractionProcessor processor,
                                       AnswerSender answers,
                                       WorkerMetrics metrics, String workerId, NatsTracing tracing,
                                       BooleanSupplier databaseReachable,
                                       EventPipeline.LifecycleHandler lifecycle) {
        DeadLetters deadLetters;
        try {
            deadLetters = new DeadLetters(nats.jetStream(), topology);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a JetStream context", e);
        }
        DatabaseGate gate = new DatabaseGate(databaseReachable);
        EventPipeline pipeline = new EventPipeline(topology, new EnvelopeCodec(),
                processor, answers, deadLetters, metrics, settings.maxDeliver(), tracing, gate, lifecycle);
        return new EventConsumer(nats, topology, settings, shutdownTimeout, pipeline, gate, workerId, metrics);
    }
}
