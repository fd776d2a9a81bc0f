package io.guildflow.devtools.demo;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The emulator plus a local cluster, set up the way `demo` and `bench` want it: local defaults for
 * NATS and PostgreSQL, their own environment and schema, a clean stream.
 */
public final class DemoSession implements AutoCloseable {
    static final String DEFAULT_DATABASE_URL = databaseUrl("127.0.0.1:5432");

    private final DiscordEmulator emulator;
    private final LocalCluster cluster;

    private DemoSession(DiscordEmulator emulator, LocalCluster cluster) {
        this.emulator = emulator;
        this.cluster = cluster;
    }

    /** The demo's database on a server that lets {@code postgres} in without a password: its own schema there. */
    static String databaseUrl(String hostAndPort) {
        return "postgres://postgres@" + hostAndPort + "/postgres?currentSchema=guildflow_demo";
    }

    /** The process environment with the demo's defaults filled in where nothing was set. */
    public static Map<String, String> environment(Map<String, String> processEnvironment, String defaultEnvironment) {
        Map<String, String> env = new HashMap<>(processEnvironment);
        env.putIfAbsent("DATABASE_URL", DEFAULT_DATABASE_URL);
        env.putIfAbsent("ENVIRONMENT", defaultEnvironment);
        env.remove("BOT_MODE");
        env.remove("METRICS_ADDRESS");
        return env;
    }

    public static DemoSession open(Map<String, String> env, int guilds, int workers) throws InterruptedException {
        GuildflowConfig base = GuildflowConfig.fromEnvironment(env);
        Preflight.check(base);
        removeStreams(base);
        DiscordEmulator emulator = BotCommands.emulator().guilds(guilds).build().start();
        HandlerCatalog catalog = BotCommands.discover();
        LocalCluster cluster;
        try {
            BotCommands.registerIn(emulator, catalog);
            cluster = LocalCluster.start(emulator, env, workers, catalog);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        DemoSession session = new DemoSession(emulator, cluster);
        try {
            cluster.awaitReady(Duration.ofSeconds(60));
            return session;
        } catch (RuntimeException | InterruptedException e) {
            session.close();
            throw e;
        }
    }

    /** A previous run's unanswered events would only be refused by this run's emulator: start clean. */
    private static void removeStreams(GuildflowConfig config) {
        try (Connection nats = NatsConnections.connect(config.nats().servers(), "guildflow-demo-reset")) {
            new StreamProvisioner(config.nats().topology()).removeStreams(nats);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting the demo's streams", e);
        }
    }

    public DiscordEmulator emulator() {
        return emulator;
    }

    public LocalCluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        cluster.close();
        emulator.close();
    }
}
