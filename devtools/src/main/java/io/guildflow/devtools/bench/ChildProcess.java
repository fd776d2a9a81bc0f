package io.guildflow.devtools.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One part of the deployment as its own JVM ({@code java -cp <this class path> <main>}), as it would run in its
 * own container: its output goes to {@code <name>.log} in the run's directory, its CPU time and peak resident
 * memory are read from {@code /proc} while it still runs.
 */
final class ChildProcess implements AutoCloseable {
    private static final List<String> INHERITED_SETTINGS = List.of("BOT_MODE", "DISCORD_TOKEN", "DATABASE_URL",
            "NATS_URL", "ENVIRONMENT", "METRICS_ADDRESS", "DISCORD_API_URL", "DISCORD_GATEWAY_URL",
            "DISCORD_APPLICATION_ID", "DISCORD_PRIVILEGED_INTENTS");

    /** Replaced by the process's name in its JVM options, e.g. for one flight recording per process. */
    static final String NAME_PLACEHOLDER = "{process}";

    private final String name;
    private final Process process;
    private final int healthPort;
    private final Path log;
    private ProcessUsage lastUsage = ProcessUsage.NONE;

    private ChildProcess(String name, Process process, int healthPort, Path log) {
        this.name = name;
        this.process = process;
        this.healthPort = healthPort;
        this.log = log;
    }

    /**
     * @param environment the process's whole Guildflow environment; METRICS_ADDRESS is set to a free port here
     * @param jvmOptions  extra JVM options (e.g. a flight recording)
     */
    static ChildProcess start(String name, String mainClass, List<String> args, Map<String, String> environment,
                              List<String> jvmOptions, Path logDirectory) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvmOptions.forEach(option -> command.add(option.replace(NAME_PLACEHOLDER, name)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        INHERITED_SETTINGS.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        builder.environment().put("METRICS_ADDRESS", "127.0.0.1:" + port);
        builder.environment().putIfAbsent("LOG_LEVEL", "warn");
        Path log = logDirectory.resolve(name + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            return new ChildProcess(name, builder.start(), port, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Polls the process's {@code /ready} until 200; fails with the end of its log when it dies or times out. */
    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s: " + tail());
    }

    /** Waits until the process writes {@code line} (a process without health endpoints says when it is ready). */
    void awaitLogLine(String line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + tail());
            }
            try {
                if (Files.readString(log).contains(line)) {
                    return;
                }
            } catch (IOException e) {
                // not written yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s: " + tail());
    }

    /** CPU seconds so far and peak resident memory; the last reading once the process is gone. */
    ProcessUsage usage() {
        if (process.isAlive()) {
            ProcessUsage read = ProcessUsage.read(process.pid());
            if (read != ProcessUsage.NONE) {
                lastUsage = read;
            }
        }
        return lastUsage;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown at all, as an OOM kill or a lost node ends a process. */
    void kill() throws InterruptedException {
        usage();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM (the process shuts down gracefully, a flight recording is written), then a hard stop. */
    @Override
    public void close() {
        usage();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
