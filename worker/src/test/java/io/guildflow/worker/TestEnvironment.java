package io.guildflow.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.config.GuildflowConfig.DatabasePool;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.NatsTracing;
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
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One isolated test world on the shared real servers: its own ENVIRONMENT (so its own streams and
 * consumer) and its own PostgreSQL schema, both removed on close.
 */
public final class TestEnvironment implements AutoCloseable {
    public static final String NATS_URL = "nats://127.0.0.1:4222";
    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String PG_USER = "postgres";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() & 0xffffffffL);

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    private final Topology topology = new Topology("wt" + suffix);
    private final String schema = "gf_test_" + suffix;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Connection admin;

    /** Connects at once, so a field initializer ({@code @AutoClose}) can make it; fails the test if NATS is down. */
    public TestEnvironment() {
        try {
            admin = Nats.connect(Options.builder().server(NATS_URL).connectionName("admin-" + suffix).build());
        } catch (IOException e) {
            throw new UncheckedIOException("NATS is not reachable at " + NATS_URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS", e);
        }
    }

    public Topology topology() {
        return topology;
    }

    public String schema() {
        return schema;
    }

    public Connection admin() {
        return admin;
    }

    public Connection connect(String name) throws IOException, InterruptedException {
        Connection connection = Nats.connect(Options.builder().server(NATS_URL).connectionName(name + "-" + suffix)
                .maxReconnects(-1).build());
        closeables.add(connection);
        return connection;
    }

    public Database database(String poolName) {
        return database(poolName, PG_URL);
    }

    /** A pool on another address of the same server, e.g. through a {@link io.guildflow.testsupport.net.CuttableProxy}. */
    public Database database(String poolName, String jdbcUrl) {
        Database database = new Database(new DatabaseSettings(jdbcUrl + "?currentSchema=" + schema, PG_USER, null),
                new DatabasePool(4, Duration.ofSeconds(30), Duration.ofSeconds(5)), poolName + "-" + suffix);
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
        ChannelMessages channels = responder instanceof ChannelMessages recording ? recording
                : new RecordingResponder(id + "-channels");
        Worker worker = new Worker(nats, topology, database, catalog, responder, channels, new SimpleMeterRegistry(),
                tracing(), Clock.systemUTC(), id, settings, limits);
        closeables.add(worker);
        worker.start();
        return worker;
    }

    /** W3C propagation with a tracer that records nothing: these tests are not about spans. */
    public static NatsTracing tracing() {
        return new NatsTracing(OpenTelemetry.noop().getTracer("worker-test"), W3CTraceContextPropagator.getInstance());
    }

    public static ConsumerSettings fastSettings() {
        return ConsumerSettings.defaults().withConcurrency(4).withAckWait(Duration.ofSeconds(2))
                .withShutdownTimeout(Duration.ofSeconds(2));
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
        return count("SELECT count(*) FROM " + schema + ".handled_interactions" + (where == null ? "" : " WHERE " + where));
    }

    public long count(String sql) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(PG_URL, PG_USER, null);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    public void execute(String sql) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(PG_URL, PG_USER, null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
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
    public void close() throws IOException, SQLException {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // Best effort: the remaining cleanup matters more than a failed close.
            }
        }
        try {
            new StreamProvisioner(topology).removeStreams(admin);
        } finally {
            try {
                admin.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (java.sql.Connection c = DriverManager.getConnection(PG_URL, PG_USER, null);
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
