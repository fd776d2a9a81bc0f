package io.guildflow.worker;

import io.guildflow.common.StartupException;
import io.guildflow.common.telemetry.NatsTracing;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.consumer.EventConsumer;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.discord.DiscordResponder;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.Dispatcher;
import io.guildflow.worker.dispatch.InteractionProcessor;
import io.guildflow.worker.metrics.WorkerMetrics;
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
    private volatile boolean started;

    /**
     * @param workerId recorded in the ledger and in thread names (e.g. the pod name)
     * @param settings concurrency, ackWait, delivery limit; {@link ConsumerSettings#defaults()} fits most bots
     */
    public Worker(Connection nats, Topology topology, Database database, HandlerCatalog catalog,
                  DiscordResponder responder, MeterRegistry meters, NatsTracing tracing, Clock clock,
                  String workerId, ConsumerSettings settings) {
        this.nats = Objects.requireNonNull(nats, "nats");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.database = Objects.requireNonNull(database, "database");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        InteractionProcessor processor = new InteractionProcessor(database, new Dispatcher(catalog, clock), clock, workerId);
        this.consumer = EventConsumer.create(nats, topology, settings, processor,
                Objects.requireNonNull(responder, "responder"), new WorkerMetrics(meters), workerId, tracing);
    }

    /**
     * Migrates the database, makes sure the streams exist, binds the consumer. Throws (with what and
     * where) when any of them is impossible, so a broken rollout fails at start-up.
     */
    public void start() {
        database.migrate();
        new StreamProvisioner(topology).ensureStreams(nats);
        try {
            consumer.start();
        } catch (IOException | JetStreamApiException e) {
            throw new StartupException("cannot bind JetStream consumer " + topology.consumerName()
                    + " on " + topology.streamName() + ": " + e.getMessage(), e);
        }
        started = true;
        log.info("worker {} started with handlers {}", workerId, catalog.describe());
    }

    public boolean natsConnected() {
        return nats.getStatus() == Connection.Status.CONNECTED;
    }

    public boolean consumerBound() {
        return started && consumer.isBound();
    }

    public boolean databaseReachable() {
        return database.isReachable();
    }

    public boolean migrationsApplied() {
        return database.migrationsApplied();
    }

    public HandlerCatalog catalog() {
        return catalog;
    }

    /** Graceful: stop pulling, finish or hand back in-flight events. Leaves NATS and the database open. */
    @Override
    public void close() {
        consumer.close();
        started = false;
        log.info("worker {} stopped", workerId);
    }
}
