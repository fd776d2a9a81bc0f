package io.guildflow.app.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code guildflow.jar run} as a long-running child process, for tests that need it up (ready) rather than exited.
 * Its health server binds a port of its own choosing ({@code METRICS_ADDRESS=127.0.0.1:0}), read back from its log:
 * a port picked here and handed over could be taken by another process meanwhile, whose {@code /ready} then answered
 * for this one (seen once in CI: a 200 within 1.6 s, from a process whose database was not this test's).
 */
public final class RunningJar implements AutoCloseable {
    private static final Path JAR = Path.of("target", "guildflow.jar");

    private static final Pattern LISTENING = Pattern.compile("health server listening on [^ ]*:([0-9]+) ");

    private final Process process;
    private final Path out;
    private final Path err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunningJar(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code jar run} with only {@code env} as Guildflow settings (METRICS_ADDRESS is set here). */
    public static RunningJar start(Path jar, Map<String, String> env) throws IOException {
        assertTrue(Files.exists(jar), "package first: " + jar.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "run"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("DISCORD_") || name.startsWith("NATS_")
                || name.startsWith("DATABASE_") || List.of("BOT_MODE", "ENVIRONMENT", "METRICS_ADDRESS").contains(name));
        builder.environment().putAll(env);
        builder.environment().put("METRICS_ADDRESS", "127.0.0.1:0");
        builder.environment().remove("LOG_LEVEL"); // info: the health server's line says where it listens
        Path out = Files.createTempFile("guildflow-out", ".txt");
        Path err = Files.createTempFile("guildflow-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new RunningJar(process, out, err);
    }

    public static RunningJar start(Map<String, String> env) throws IOException {
        return start(JAR, env);
    }

    /** The port this process's health server bound, from its log; empty until it has said so. */
    private OptionalInt healthPort() throws IOException {
        Matcher listening = LISTENING.matcher(stdout());
        return listening.find() ? OptionalInt.of(Integer.parseInt(listening.group(1))) : OptionalInt.empty();
    }

    /** The status code of {@code GET /ready}, or -1 while nothing answers. */
    public int readyStatus() throws InterruptedException {
        try {
            OptionalInt port = healthPort();
            if (port.isEmpty()) {
                return -1;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + "/ready"))
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
