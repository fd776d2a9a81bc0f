package io.guildflow.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.EventStreamSettings;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.NatsTracing;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.net.CuttableProxy;
import io.guildflow.worker.database.PoolSettings;
import io.guildflow.worker.jobs.LedgerRetention;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.discord.DiscordResponder;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.guildflow.worker.outbox.ChannelMessages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The worker's test world: an {@link IsolatedEnvironment} (its own ENVIRONMENT, so its own streams and
 * consumer, and its own PostgreSQL schema, both removed on close) with workers, pools and NATS
 * connections built in it, closed before it.
 */
public final class TestEnvironment implements AutoCloseable {
    /** How long a test worker's close() lets its in-flight events finish. */
    public static final Duration SHUTDOWN = Duration.ofSeconds(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() & 0xffffffffL);

    private final IsolatedEnvironment isolated = new IsolatedEnvironment("worker");
    private final Topology topology = isolated.topology();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Connection admin;

    /** Connects at once, so a field initializer ({@code @AutoClose}) can make it; fails the test if NATS is down. */
    public TestEnvironment() {
        try {
            admin = Nats.connect(Options.builder().server(IsolatedEnvironment.NATS_URL)
                    .connectionName("admin-" + isolated.name()).build());
        } catch (IOException e) {
            throw new UncheckedIOException("NATS is not reachable at " + IsolatedEnvironment.NATS_URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS", e);
        }
    }

    public Topology topology() {
        return topology;
    }

    public String schema() {
        return isolated.schema();
    }

    public Connection admin() {
        return admin;
    }

    public Connection connect(String name) throws IOException, InterruptedException {
        Connection connection = Nats.connect(Options.builder().server(IsolatedEnvironment.NATS_URL)
                .connectionName(name + "-" + isolated.name())
                .maxReconnects(-1).build());
        closeables.add(connection);
        return connection;
    }

    public Database database(String poolName) {
        return pool(poolName, isolated.databaseUrl());
    }

    /** A pool on this environment's schema reached through {@code proxy}, from {@link IsolatedEnvironment#proxyToDatabase()}. */
    public Database database(String poolName, CuttableProxy proxy) {
        return pool(poolName, isolated.databaseUrlThrough(proxy));
    }

    private Database pool(String poolName, String jdbcUrl) {
        Database database = new Database(new DatabaseSettings(jdbcUrl, null, null),
                new PoolSettings(4, Duration.ofSeconds(30), Duration.ofSeconds(5)), poolName + "-" + isolated.name());
        closeables.add(database);
        return database;
    }

    /** A worker on its own NATS connection and its own pool, like a separate process. */
    public Worker worker(String id, HandlerCatalog catalog, RecordingResponder responder, ConsumerSettings settings)
            throws IOException, InterruptedException {
        return worker(id, connect(id), catalog, responder, settings);
    }

    public Worker worker(String id, Connection nats, HandlerCatalog catalog, DiscordResponder responder,
                         ConsumerSettings settings) {
        return worker(id, nats, catalog, responder, settings, TransactionLimits.DEFAULT);
    }

    public Worker worker(String id, Connection nats, HandlerCatalog catalog, DiscordResponder responder,
                         ConsumerSettings settings, TransactionLimits limits) {
        return worker(id, nats, database(id), catalog, responder, settings, limits);
    }

    public Worker worker(String id, Connection nats, Database database, HandlerCatalog catalog,
                         DiscordResponder responder, ConsumerSettings settings, TransactionLimits limits) {
        return worker(id, nats, database, catalog, responder, settings(settings, limits), SHUTDOWN);
    }

    public Worker worker(String id, Connection nats, Database database, HandlerCatalog catalog,
                         DiscordResponder responder, WorkerSettings settings, Duration shutdownTimeout) {
        return worker(id, nats, EventStreamSettings.defaults(), database, catalog, responder, settings,
                shutdownTimeout);
    }

    /** A worker with these gateway-event partitions (a test wants few: each is a consumer to create). */
    public Worker worker(String id, Connection nats, EventStreamSettings events, Database database,
                         HandlerCatalog catalog, DiscordResponder responder, WorkerSettings settings,
                         Duration shutdownTimeout) {
        ChannelMessages channels = responder instanceof ChannelMessages recording ? recording
                : new RecordingResponder(id + "-channels");
        Worker worker = new Worker(nats, topology, events, database, catalog, responder, channels,
                new SimpleMeterRegistry(), tracing(), Clock.systemUTC(), id, settings, shutdownTimeout);
        closeables.add(worker);
        worker.start();
        return worker;
    }

    /** W3C propagation with a tracer that records nothing: these tests are not about spans. */
    public static NatsTracing tracing() {
        return new NatsTracing(OpenTelemetry.noop().getTracer("worker-test"), W3CTraceContextPropagator.getInstance());
    }

    /** Four events at once, redelivered after 2 s: a test's failures show quickly. */
    public static ConsumerSettings fastSettings() {
        return new ConsumerSettings(4, Duration.ofSeconds(2), ConsumerSettings.DEFAULT.maxDeliver());
    }

    /** A worker's section with these parts; the database's parts are the test's own pool. */
    public static WorkerSettings settings(ConsumerSettings consumer, TransactionLimits limits) {
        return new WorkerSettings(Optional.empty(), PoolSettings.DEFAULT, consumer, limits, LedgerRetention.DEFAULT);
    }

    /** A minimal Discord-shaped slash command interaction. */
    public static InteractionEnvelope command(String name) {
        return command(name, "555");
    }

    /** The same, from the given user. */
    public static InteractionEnvelope command(String name, String userId) {
        String id = Long.toString(1_000_000_000_000_000L + IDS.incrementAndGet());
        ObjectNode raw = JSON.createObjectNode();
        raw.put("id", id);
        raw.put("token", "token-" + id);
        raw.put("type", 2);
        raw.put("guild_id", "4242");
        raw.put("channel_id", "777");
        raw.put("application_id", "999");
        raw.putObject("member").putObject("user").put("id", userId);
        raw.putObject("data").put("id", "1").put("name", name).put("type", 1);
        return InteractionEnvelope.fromDiscord(raw, Instant.now(), 0);
    }

    public void publish(InteractionEnvelope envelope, String messageId) throws IOException, JetStreamApiException {
        publishRaw(topology.interactionSubject(envelope), new EnvelopeCodec().encode(envelope), messageId);
    }

    public void publishRaw(String subject, byte[] data, String messageId) throws IOException, JetStreamApiException {
        Headers headers = new Headers().put(Topology.HEADER_MESSAGE_ID, messageId);
        admin.jetStream().publish(NatsMessage.builder().subject(subject).headers(headers).data(data).build());
    }

    public long rows(String where) throws SQLException {
        return count("SELECT count(*) FROM " + schema() + ".handled_interactions" + (where == null ? "" : " WHERE " + where));
    }

    public long count(String sql) throws SQLException {
        return isolated.count(sql);
    }

    public void execute(String sql) throws SQLException {
        isolated.execute(sql);
    }

    /** The first column of the first row as text, or null when there is no row. */
    public String text(String sql) throws SQLException {
        return isolated.text(sql);
    }

    /** A plain connection to this environment's schema, outside any pool: a peer that holds locks or writes. */
    public java.sql.Connection sql() throws SQLException {
        return isolated.connect();
    }

    /** Waits for something the system does asynchronously; the failure names what never happened. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // Best effort: the remaining cleanup matters more than a failed close.
            }
        }
        try {
            admin.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            isolated.close();
        }
    }
}
