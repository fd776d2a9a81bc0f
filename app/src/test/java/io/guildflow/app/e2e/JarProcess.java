package io.guildflow.app.e2e;

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
 * The packaged jar running as its own process ({@code java -jar target/guildflow.jar run}), the way
 * an orchestrator runs it, with its health server on a free loopback port.
 */
final class JarProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "guildflow.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private JarProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code run} with exactly {@code env} (plus PATH and a METRICS_ADDRESS of its own). */
    static JarProcess start(String name, Map<String, String> env) throws IOException {
        if (!Files.exists(JAR)) {
            throw new AssertionError("package the app first: " + JAR.toAbsolutePath());
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", JAR.toString(), "run"));
        ProcessBuilder builder = new ProcessBuilder(command);
        String path = builder.environment().get("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().putAll(env);
        builder.environment().put("METRICS_ADDRESS", "127.0.0.1:" + port);
        Path log = Files.createTempFile("guildflow-" + name + "-", ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new JarProcess(name, process, log, port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until /ready answers 200; fails with the process's last output otherwise. */
    JarProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            if (status("/ready") == 200) {
                return this;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready within " + timeout + ":\n" + tail());
    }

    int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** SIGTERM, as an orchestrator stops it; waits for the exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        Files.deleteIfExists(log);
    }
}
