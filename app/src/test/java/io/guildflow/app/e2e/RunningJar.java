package io.guildflow.app.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code guildflow.jar run} as a long-running child process, with its health server on a free
 * loopback port, for tests that need it up (ready) rather than exited.
 */
public final class RunningJar implements AutoCloseable {
    private static final Path JAR = Path.of("target", "guildflow.jar");

    private final Process process;
    private final int healthPort;
    private final Path out;
    private final Path err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunningJar(Process process, int healthPort, Path out, Path err) {
        this.process = process;
        this.healthPort = healthPort;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code jar run} with only {@code env} as Guildflow settings (METRICS_ADDRESS is chosen here). */
    public static RunningJar start(Path jar, Map<String, String> env) throws IOException {
        assertTrue(Files.exists(jar), "package first: " + jar.toAbsolutePath());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "run"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("DISCORD_") || name.startsWith("NATS_")
                || name.startsWith("DATABASE_") || List.of("BOT_MODE", "ENVIRONMENT", "METRICS_ADDRESS").contains(name));
        builder.environment().putAll(env);
        builder.environment().put("METRICS_ADDRESS", "127.0.0.1:" + port);
        Path out = Files.createTempFile("guildflow-out", ".txt");
        Path err = Files.createTempFile("guildflow-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new RunningJar(process, port, out, err);
    }

    public static RunningJar start(Map<String, String> env) throws IOException {
        return start(JAR, env);
    }

    /** The status code of {@code GET /ready}, or -1 while nothing answers. */
    public int readyStatus() throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/ready"))
                    .timeout(Duration.ofSeconds(3)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Waits until {@code /ready} answers {@code status}; fails with the output if the process exits first. */
    public void awaitReadyStatus(int status, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readyStatus() != status) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("/ready never answered " + status + " (alive: " + process.isAlive()
                        + ")\nstderr:\n" + stderr() + "\nstdout:\n" + stdout());
            }
            Thread.sleep(200);
        }
    }

    public String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** SIGTERM, then waits for the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }
}
