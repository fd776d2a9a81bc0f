package io.guildflow.devtools.demo;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.runtime.GuildflowProcess;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole Guildflow deployment in one JVM, against the Discord emulator: one gateway and N
 * workers, each a separate {@link GuildflowProcess} with its own NATS connection, database pool
 * and health server, exactly as they would run in separate containers.
 */
public final class LocalCluster implements AutoCloseable {
    private final DiscordEmulator emulator;
    private final HealthProbe probe = new HealthProbe();
    private GuildflowProcess gateway;
    private final List<GuildflowProcess> workers = new ArrayList<>();

    private LocalCluster(DiscordEmulator emulator) {
        this.emulator = emulator;
    }

    /**
     * @param environment the base settings (NATS_URL, DATABASE_URL, ENVIRONMENT, …); the Discord ones are
     *                    pointed at the emulator and METRICS_ADDRESS at a free loopback port per process
     */
    public static LocalCluster start(DiscordEmulator emulator, Map<String, String> environment, int workerCount,
                                     HandlerCatalog catalog) {
        LocalCluster cluster = new LocalCluster(emulator);
        try {
            for (int i = 1; i <= workerCount; i++) {
                cluster.workers.add(cluster.startProcess(environment, BotMode.WORKER, "worker-" + i, catalog));
            }
            cluster.gateway = cluster.startProcess(environment, BotMode.GATEWAY, "gateway", catalog);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Settings of one process of this cluster: the given ones, with Discord pointed at the emulator. */
    public static GuildflowConfig configFor(DiscordEmulator emulator, Map<String, String> environment, BotMode mode) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("BOT_MODE", mode.label());
        env.putAll(EmulatorSettings.of(emulator));
        env.putIfAbsent("METRICS_ADDRESS", "127.0.0.1:0");
        return GuildflowConfig.fromEnvironment(env).validateForMode();
    }

    private GuildflowProcess startProcess(Map<String, String> environment, BotMode mode, String name,
                                          HandlerCatalog catalog) {
        return GuildflowProcess.start(configFor(emulator, environment, mode), Clock.systemUTC(), catalog, name);
    }

    public DiscordEmulator emulator() {
        return emulator;
    }

    public GuildflowProcess gateway() {
        return gateway;
    }

    public List<GuildflowProcess> workers() {
        return List.copyOf(workers);
    }

    /** Polls every process's real {@code /ready} endpoint until all answer 200. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        for (GuildflowProcess worker : workers) {
            probe.awaitReady(worker, timeout);
        }
        probe.awaitReady(gateway, timeout);
    }

    @Override
    public void close() {
        // Gateway first, so nothing new arrives while the workers drain.
        if (gateway != null) {
            gateway.close();
        }
        workers.forEach(GuildflowProcess::close);
    }
}
