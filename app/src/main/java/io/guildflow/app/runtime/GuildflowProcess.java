package io.guildflow.app.runtime;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.health.CheckResult;
import io.guildflow.app.health.HealthServer;
import io.guildflow.app.health.Readiness;
import io.guildflow.app.health.ReadinessReport;
import io.guildflow.common.telemetry.Telemetry;
import io.guildflow.common.StartupException;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one `guildflow run` is: the roles BOT_MODE names, their telemetry and the health server.
 * The health server comes up first, so an orchestrator sees "starting" rather than nothing, and
 * the worker before the gateway, so the first forwarded interaction already has a consumer.
 */
public final class GuildflowProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GuildflowProcess.class);
    private final Telemetry telemetry;
    private final Readiness readiness;
    private final HealthServer health;
    private final JvmGcMetrics gcMetrics;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Why the process stopped on its own after start-up (Discord refused the intents), for the exit code. */
    private volatile StartupException failure;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile WorkerRole worker;
    private volatile GatewayRole gateway;

    private GuildflowProcess(Telemetry telemetry, Readiness readiness, HealthServer health, JvmGcMetrics gcMetrics) {
        this.telemetry = telemetry;
        this.readiness = readiness;
        this.health = health;
        this.gcMetrics = gcMetrics;
    }

    /** With the event handlers the context class loader's service files list (where the catalog's came from). */
    public static GuildflowProcess start(GuildflowConfig config, Clock clock, HandlerCatalog catalog,
                                         String instanceName) {
        return start(config, clock, catalog,
                EventSubscription.discover(Thread.currentThread().getContextClassLoader()), instanceName);
    }

    /**
     * @param events       the event handlers' dispatch types and intents, for the gateway
     * @param instanceName distinguishes workers in the ledger, thread names and NATS connection names
     */
    public static GuildflowProcess start(GuildflowConfig config, Clock clock, HandlerCatalog catalog,
                                         EventSubscription events, String instanceName) {
        BotMode mode = config.process().mode();
        Telemetry telemetry = Telemetry.create("guildflow-" + mode.label(), config.environment(),
                config.telemetry().tracesEndpoint().orElse(null));
        new JvmMemoryMetrics().bindTo(telemetry.registry());
        new JvmThreadMetrics().bindTo(telemetry.registry());
        new ProcessorMetrics().bindTo(telemetry.registry());
        new UptimeMetrics().bindTo(telemetry.registry());
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(telemetry.registry());
        Readiness readiness = new Readiness();
        GuildflowProcess process;
        try {
            HealthServer health = HealthServer.start(config.process().metricsAddress(), mode.label(), readiness,
                    telemetry.registry());
            process = new GuildflowProcess(telemetry, readiness, health, gcMetrics);
        } catch (IOException e) {
            gcMetrics.close();
            readiness.close();
            telemetry.close();
            throw new StartupException("cannot listen on METRICS_ADDRESS " + config.process().metricsAddress()
                    + ": " + e.getMessage(), new UncheckedIOException(e));
        }
        AtomicBoolean rolesStarted = new AtomicBoolean();
        readiness.add("roles", () -> rolesStarted.get()
                ? CheckResult.ok(mode.label() + " started") : CheckResult.failing("starting"));
        try {
            if (mode.runsWorker()) {
                process.worker = WorkerRole.start(config, telemetry, clock, catalog, instanceName);
                process.worker.addChecks(readiness);
            }
            if (mode.runsGateway()) {
                process.gateway = GatewayRole.start(config, catalog, events, telemetry, clock, process::fail);
                process.gateway.addChecks(readiness);
                StartupCommands.register(config, catalog, process.gateway.nats(), process.gateway.governor(),
                        telemetry.registry());
            }
        } catch (RuntimeException e) {
            process.close();
            // Discord refusing the intents closes the process while start-up still runs (registering commands
            // over a connection that is going away): the refusal is the cause, and its exit code the one to give.
            throw process.failure != null ? process.failure : e;
        }
        rolesStarted.set(true);
        return process;
    }

    /** Waits until every readiness check passes (what {@code GET /ready} would answer 200 for). */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReadinessReport report = readiness.evaluate();
        while (!report.ready()) {
            if (System.nanoTime() > deadline) {
                throw new StartupException("not ready within " + timeout.toSeconds() + " s: " + report.checks(), null);
            }
            Thread.sleep(50);
            report = readiness.evaluate();
        }
    }

    /** See {@link io.guildflow.common.runtime.EmbeddedRuntime.Running#unrouted()}; empty without a worker. */
    public java.util.List<String> unrouted() {
        return worker == null ? java.util.List.of() : worker.unrouted();
    }

    public int healthPort() {
        return health.port();
    }

    /**
     * Blocks until {@link #close()} ran, e.g. from the shutdown hook on SIGTERM.
     *
     * @throws StartupException when the process stopped because a setting turned out wrong after start-up (Discord
     *                          refused the intents): one line and its exit code, like a failure at start-up
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the process for a reason found after start-up; called from a JDA thread, so it closes on its own. */
    private void fail(StartupException reason) {
        failure = reason;
        log.error(reason.getMessage());
        new Thread(this::close, "gf-fail").start();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Stop taking interactions first, then drain the worker, then stop answering probes.
        Resources.closeQuietly(gateway);
        Resources.closeQuietly(worker);
        Resources.closeQuietly(health);
        Resources.closeQuietly(readiness);
        Resources.closeQuietly(gcMetrics);
        Resources.closeQuietly(telemetry);
        terminated.countDown();
    }
}
