package io.guildflow.app.runtime;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.health.CheckResult;
import io.guildflow.app.health.Readiness;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.config.Secret;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.discord.DiscordSettings;
import io.guildflow.common.discord.governor.Priority;
import io.guildflow.common.discord.governor.RestGovernor;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.telemetry.Telemetry;
import io.guildflow.worker.Worker;
import io.guildflow.worker.WorkerSettings;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.discord.RestDiscordResponder;
import io.guildflow.worker.outbox.RestChannelMessages;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** The worker role: its own NATS connection, database pool and REST client, and the checks that make it ready. */
final class WorkerRole implements AutoCloseable {
    private final Connection nats;
    private final Database database;
    private final DiscordRestClient rest;
    private final RestGovernor governor;
    private final Worker worker;

    private WorkerRole(Connection nats, Database database, DiscordRestClient rest, RestGovernor governor,
                       Worker worker) {
        this.nats = nats;
        this.database = database;
        this.rest = rest;
        this.governor = governor;
        this.worker = worker;
    }

    static WorkerRole start(GuildflowConfig config, Telemetry telemetry, Clock clock, HandlerCatalog catalog,
                            String workerId) {
        DatabaseSettings databaseSettings = config.requireDatabase();
        WorkerSettings settings = config.worker();
        DiscordSettings discord = config.discord();
        Connection nats = NatsConnections.connect(config.nats().servers(), "guildflow-worker-" + workerId);
        Database database = null;
        DiscordRestClient rest = null;
        RestGovernor governor = null;
        try {
            // one budget for the bot across every process of the environment (issue 24)
            governor = config.governor().sharedOver(nats, config.nats().topology(),
                    discord.token().map(Secret::reveal).orElse("")).bindMetrics(telemetry.registry());
            database = new Database(databaseSettings, settings.pool(), "guildflow-" + workerId,
                    telemetry.exportedTracing());
            database.bindMetrics(telemetry.registry());
            NatsConnections.meter(nats, "worker", telemetry.registry());
            if (discord.token().isEmpty()) {
                // Not fatal: answers use each interaction's own token. But every outbox action (discord()
                // posts and edits) would be refused with 401 and dropped, which is otherwise only a WARN per message.
                LoggerFactory.getLogger(WorkerRole.class).warn("DISCORD_TOKEN is not set: channel messages that"
                        + " handlers or jobs post or edit through discord() will be refused by Discord (401) and dropped");
            }
            rest = new DiscordRestClient(discord.apiUrl(), discord.token().map(Secret::reveal).orElse(""),
                    telemetry.registry(),
                    DiscordRestClient.DEFAULT_MAX_RATE_LIMIT_WAIT, telemetry.clientTracer(),
                    DiscordRestClient.DEFAULT_IDLE_CONNECTIONS,
                    governor, Priority.OUTBOX); // its bot routes are the outbox's channel posts and edits
            database.requireReachable();
            Worker worker = new Worker(nats, config.nats().topology(), config.nats().events(), database, catalog,
                    new RestDiscordResponder(rest), new RestChannelMessages(rest), telemetry.registry(), telemetry.nats(),
                    clock, workerId,
                    settings, config.process().shutdownTimeout());
            worker.start();
            return new WorkerRole(nats, database, rest, governor, worker);
        } catch (RuntimeException e) {
            Resources.closeQuietly(rest);
            Resources.closeQuietly(governor);
            Resources.closeQuietly(database);
            Resources.closeQuietly(nats);
            throw e;
        }
    }

    java.util.List<String> unrouted() {
        return worker.unroutedInteractions();
    }

    void addChecks(Readiness readiness) {
        readiness.add("worker_nats", () -> worker.natsConnected()
                ? CheckResult.ok("connected") : CheckResult.failing(nats.getStatus().name().toLowerCase(Locale.ROOT)));
        readiness.add("consumer", () -> {
            if (!worker.topology().ok()) {
                return CheckResult.failing(worker.topology().detail()); // what is missing or refused, and why
            }
            return worker.consumerBound() ? CheckResult.ok("bound") : CheckResult.failing("not bound");
        });
        readiness.add("database", () -> worker.databaseReachable()
                ? CheckResult.ok("reachable") : CheckResult.failing("unreachable"));
        readiness.add("migrations", () -> worker.migrationsApplied()
                ? CheckResult.ok("applied") : CheckResult.failing("pending"));
    }

    @Override
    public void close() {
        // Order matters: stop consuming (hand back in-flight events) before the pool and NATS go away.
        Resources.closeQuietly(worker);
        Resources.closeQuietly(rest);
        Resources.closeQuietly(governor);
        Resources.closeQuietly(database);
        Resources.closeQuietly(nats);
    }
}
