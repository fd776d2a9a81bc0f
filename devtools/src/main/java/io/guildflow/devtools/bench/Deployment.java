package io.guildflow.devtools.bench;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The processes under test, each its own JVM started from this jar, pointed at the emulator. */
final class Deployment implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String APP_MAIN = "io.guildflow.app.Main";

    private final List<ChildProcess> processes;
    /** Ctrl-C on `bench` must not leave gateways and workers running. */
    private final Thread stopOnExit;

    private Deployment(List<ChildProcess> processes) {
        this.processes = new java.util.concurrent.CopyOnWriteArrayList<>(processes);
        this.stopOnExit = new Thread(this::stopAll, "bench-stop-children");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Guildflow as deployed: N workers and one gateway ({@code guildflow.jar run} with BOT_MODE). */
    static Deployment guildflow(DiscordEmulator emulator, Map<String, String> environment, int workers,
                                List<String> jvmOptions, Path logs) throws InterruptedException {
        return guildflow(emulator, environment, workers, 1, jvmOptions, logs);
    }

    /** N workers and G gateways holding the same shards, named {@code gateway} (one) or {@code gateway-1}... */
    static Deployment guildflow(DiscordEmulator emulator, Map<String, String> environment, int workers, int gateways,
                                List<String> jvmOptions, Path logs) throws InterruptedException {
        List<ChildProcess> started = new ArrayList<>();
        try {
            for (int i = 1; i <= workers; i++) {
                started.add(ChildProcess.start("worker-" + i, APP_MAIN, List.of("run"),
                        settings(emulator, environment, "worker"), jvmOptions, logs));
            }
            for (int i = 1; i <= gateways; i++) {
                started.add(gateway(gateways == 1 ? "gateway" : "gateway-" + i, emulator, environment, jvmOptions,
                        logs));
            }
            for (ChildProcess process : started) {
                process.awaitReady(START_TIMEOUT);
            }
            return new Deployment(started);
        } catch (RuntimeException | InterruptedException e) {
            new Deployment(started).close();
            throw e;
        }
    }

    private static ChildProcess gateway(String name, DiscordEmulator emulator, Map<String, String> environment,
                                        List<String> jvmOptions, Path logs) {
        List<String> gatewayOptions = new ArrayList<>(GatewayJvm.OPTIONS); // --jvm-option comes after and wins
        gatewayOptions.addAll(jvmOptions);
        return ChildProcess.start(name, APP_MAIN, List.of("run"), settings(emulator, environment, "gateway"),
                gatewayOptions, logs);
    }

    /**
     * SIGKILLs the gateway named {@code name} and starts its replacement at once, as a restart policy does.
     *
     * @return how long the shard had one session fewer: from the kill until the replacement was ready
     */
    Duration crashGateway(String name, DiscordEmulator emulator, Map<String, String> environment,
                          List<String> jvmOptions, Path logs) throws InterruptedException {
        ChildProcess victim = processes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process " + name));
        long killed = System.nanoTime();
        victim.kill();
        processes.remove(victim);
        ChildProcess replacement = gateway(name + "-restarted", emulator, environment, jvmOptions, logs);
        processes.add(replacement);
        replacement.awaitReady(START_TIMEOUT);
        return Duration.ofNanos(System.nanoTime() - killed);
    }

    /** The monolith reference: the same handlers behind a JDA listener in one process. */
    static Deployment monolith(DiscordEmulator emulator, Map<String, String> environment, List<String> jvmOptions,
                               Path logs) throws InterruptedException {
        ChildProcess monolith = ChildProcess.start("monolith", MonolithMain.class.getName(), List.of(),
                settings(emulator, environment, "standalone"), jvmOptions, logs);
        try {
            monolith.awaitLogLine(MonolithMain.READY, START_TIMEOUT);
            return new Deployment(List.of(monolith));
        } catch (RuntimeException | InterruptedException e) {
            monolith.close();
            throw e;
        }
    }

    private static Map<String, String> settings(DiscordEmulator emulator, Map<String, String> environment,
                                                String mode) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(EmulatorSettings.of(emulator));
        env.put("BOT_MODE", mode.toLowerCase(Locale.ROOT));
        return env;
    }

    /** Each process's CPU seconds and peak resident memory so far, by name. */
    Map<String, ProcessUsage> usage() {
        Map<String, ProcessUsage> usage = new LinkedHashMap<>();
        for (ChildProcess process : processes) {
            usage.put(process.name(), process.usage());
        }
        return usage;
    }

    /** One short line for the progress output: CPU seconds per process. */
    String describeUsage() {
        StringBuilder line = new StringBuilder("cpu s:");
        usage().forEach((name, usage) -> line.append(String.format(Locale.ROOT, " %s %.1f", name, usage.cpuSeconds())));
        return line.toString();
    }

    /** Gateway first, so nothing new arrives while the workers drain. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook stops them
        }
        stopAll();
    }

    private void stopAll() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
