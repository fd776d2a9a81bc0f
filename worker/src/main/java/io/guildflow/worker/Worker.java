package io.guildflow.worker;

import io.guildflow.common.DependencyException;
import io.guildflow.common.telemetry.MetricNames;
import io.guildflow.common.telemetry.NatsTracing;
import io.guildflow.common.nats.EventStreamSettings;
import io.guildflow.common.nats.NatsSettings;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.nats.TopologyWatch;
import io.guildflow.worker.consumer.EventConsumer;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.discord.DiscordResponder;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.Dispatcher;
import io.guildflow.worker.dispatch.AnswerSender;
import io.guildflow.worker.dispatch.InteractionProcessor;
import io.guildflow.worker.events.EventWorkers;
import java.util.Optional;
import io.guildflow.worker.guild.ConfigCommand;
import io.guildflow.worker.guild.GuildConfigCache;
import io.guildflow.worker.guild.GuildConfigChanges;
import io.guildflow.worker.metrics.WorkerMetrics;
import io.guildflow.api.ScheduledJob;
import io.guildflow.worker.jobs.JobScheduler;
import io.guildflow.worker.outbox.ChannelMessages;
import io.guildflow.worker.outbox.DeliveredPosts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.guildflow.worker.outbox.OutboxSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker process's work: consume interactions of one environment, handle each exactly once,
 * answer Discord. The NATS connection and the database are the caller's: this class uses them but
 * does not close them, so app decides the shutdown order (worker first, then database and NATS).
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final Connection nats;
    private final Topology topology;
    private final Database database;
    private final HandlerCatalog catalog;
    private final EventConsumer consumer;
    private final String workerId;
    private final GuildConfigCache configs;
    private final InteractionProcessor processor;
    private final Dispatcher dispatcher;
    private final OutboxSender outbox;
    private final JobScheduler jobs;
    /** Gateway events' consumers; empty when the bot has no event handler (nothing is forwarded then). */
    private final Optional<EventWorkers> events;
    private final EventStreamSettings eventStream;
    private volatile boolean started;
    private volatile TopologyWatch topologyWatch;

    /**
     * @param database        opened by the caller from {@code settings}' database and pool
     * @param responder       answers interactions
     * @param channels        sends the outbox's channel messages
     * @param workerId        recorded in the ledger and in thread names (unique per process)
     * @param settings        how it consumes, the limits of every interaction transaction, the ledger's retention
     * @param shutdownTimeout how long {@link #close()} lets in-flight events finish ({@code SHUTDOWN_TIMEOUT})
     */
    public Worker(Connection nats, Topology topology, Database database, HandlerCatalog catalog,
                  DiscordResponder responder, ChannelMessages channels, MeterRegistry meters, NatsTracing tracing,
                  Clock clock, String workerId, WorkerSettings settings, Duration shutdownTimeout) {
        this(nats, topology, EventStreamSettings.defaults(), database, catalog, responder, channels, meters, tracing,
                clock, workerId, settings, shutdownTimeout);
    }

    /** @param eventStream the gateway-event stream's partitions ({@code EVENT_PARTITIONS}) and limits */
    public Worker(Connection nats, Topology topology, EventStreamSettings eventStream, Database database,
                  HandlerCatalog catalog, DiscordResponder responder, ChannelMessages channels, MeterRegistry meters,
                  NatsTracing tracing, Clock clock, String workerId, WorkerSettings settings,
                  Duration shutdownTimeout) {
        this.eventStream = Objects.requireNonNull(eventStream, "eventStream");
        this.nats = Objects.requireNonNull(nats, "nats");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.database = Objects.requireNonNull(database, "database");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.configs = new GuildConfigCache(nats, topology);
        GuildConfigChanges changes = new GuildConfigChanges(database.dataSource(), nats, topology);
        // The runtime's own /config joins the bot's handlers here, where the database and NATS are at hand.
        HandlerCatalog served = catalog.with(new ConfigCommand(changes));
        this.outbox = new OutboxSender(database, Objects.requireNonNull(channels, "channels"),
                DeliveredPosts.in(nats, topology), workerId);
        List<ScheduledJob> scheduled = new ArrayList<>(List.of(settings.retention()));
        scheduled.addAll(catalog.jobs());
        this.jobs = new JobScheduler(database, scheduled, clock, outbox::nudge, workerId);
        this.dispatcher = new Dispatcher(served, clock, configs::get);
        this.processor = new InteractionProcessor(database, dispatcher, clock, workerId,
                settings.transactions(), outbox::nudge);
        WorkerMetrics metrics = new WorkerMetrics(meters);
        metrics.gauge(MetricNames.WORKER_OUTBOX_BACKLOG,
                "Channel messages committed and not yet sent to Discord (whole environment, sampled)",
                outbox::backlog);
        AnswerSender answers = new AnswerSender(database, Objects.requireNonNull(responder, "responder"),
                settings.transactions(), clock, metrics, nats, topology);
        this.consumer = EventConsumer.create(nats, topology, settings.consumer(), shutdownTimeout, processor, answers,
                metrics, workerId, tracing, database::reachableAgain, changes::apply);
        this.events = catalog.events().isEmpty() ? Optional.empty()
                : Optional.of(EventWorkers.create(nats, topology, eventStream, settings.consumer(),
                        settings.transactions(), shutdownTimeout, database, catalog.events(), configs::get, meters,
                        clock, workerId, outbox::nudge));
    }

    /**
     * Migrates the database, creates the streams if nobody has (never changes existing ones: the gateway
     * or {@code setup} owns them), binds the consumer. Throws (with what and
     * where) when any of them is impossible, so a broken rollout fails at start-up. The posts bucket is the
     * workers' own ({@link DeliveredPosts#provision}); without it the worker still serves.
     */
    public void start() {
        database.migrate();
        StreamProvisioner streams = new StreamProvisioner(topology, eventStream);
        streams.createMissingStreams(nats);
        // Its entries must last as long as a replay can reach back: an older post is never replayed.
        DeliveredPosts.provision(nats, topology, NatsSettings.longestStreamAge(topology, eventStream));
        try {
            consumer.start();
        } catch (IOException | JetStreamApiException e) {
            throw new DependencyException("cannot bind JetStream consumer " + topology.consumerName()
                    + " on " + topology.streamName() + ": " + e.getMessage(), e);
        }
        // Not part of /ready: neither binding the gateway-event consumers nor a backlog of events may keep a worker
        // from serving interactions.
        events.ifPresent(EventWorkers::startInBackground);
        // From now on what it consumes from is kept in place: a NATS server back on an empty store, a deleted stream.
        List<TopologyWatch.Part> watched = new ArrayList<>(List.of(streams.watched(nats), consumer.watched()));
        events.ifPresent(eventWorkers -> watched.add(eventWorkers.watched()));
        topologyWatch = new TopologyWatch(nats, watched, "worker-" + workerId).start();
        outbox.start();
        jobs.start();
        started = true;
        log.info("worker {} started with handlers {}; gateway events {}", workerId, catalog.describe(),
                catalog.events().describe());
    }

    public boolean natsConnected() {
        return nats.getStatus() == Connection.Status.CONNECTED;
    }

    public boolean consumerBound() {
        return started && consumer.isBound() && topologyWatch.state().ok();
    }

    /** For /ready: whether the streams and the consumer are in place, or what is missing or refused. */
    public TopologyWatch.State topology() {
        TopologyWatch watch = topologyWatch;
        return watch == null ? new TopologyWatch.State(false, "not started") : watch.state();
    }

    /** For /ready: false while pulling is paused for the database, or when no connection answers. */
    public boolean databaseReachable() {
        return consumer.databaseAvailable() && database.isReachable();
    }

    public boolean migrationsApplied() {
        return database.migrationsApplied();
    }

    public HandlerCatalog catalog() {
        return catalog;
    }

    /** Interaction names no handler claimed since start, once each (the testkit fails a bot's test on them). */
    public List<String> unroutedInteractions() {
        return dispatcher.unrouted();
    }

    /** Graceful: stop pulling, finish or hand back in-flight events. Leaves NATS and the database open. */
    @Override
    public void close() {
        if (topologyWatch != null) {
            topologyWatch.close();
        }
        consumer.close();
        events.ifPresent(EventWorkers::close);
        jobs.close();
        processor.close();
        outbox.close();
        configs.close();
        started = false;
        log.info("worker {} stopped", workerId);
    }
}
