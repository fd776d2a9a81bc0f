package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.guildflow.app.e2e.IsolatedEnvironment;
import io.guildflow.testkit.DiscordEmulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar running as a long-lived process of its own, as in a container: its own health
 * port, stopped with SIGTERM like Kubernetes does. Output goes to a file, shown when a test fails.
 */
final class JarProcess implements AutoCloseable {
    /** A bot jar (runtime plus the example bot), as a bot project builds it: the production jar alone serves no command. */
    private static final Path JAR = Path.of("..", "examples", "target", "guildflow-example-bot.jar");

    private final Process process;
    private final int healthPort;
    private final Path output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private JarProcess(Process process, int healthPort, Path output) {
        this.process = process;
        this.healthPort = healthPort;
        this.output = output;
    }

    /** {@code guildflow run} with these variables (and a free METRICS_ADDRESS). */
    static JarProcess run(Map<String, String> env) throws IOException {
        assertTrue(Files.exists(JAR), "package the app first: " + JAR.toAbsolutePath());
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "run"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("METRICS_ADDRESS", "127.0.0.1:" + port);
        builder.environment().putIfAbsent("LOG_LEVEL", "warn");
        Path output = Files.createTempFile("guildflow-process", ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new JarProcess(process, port, output);
    }

    /** A worker of {@code environment} answering over the emulator's REST API. */
    static Map<String, String> workerSettings(IsolatedEnvironment environment, DiscordEmulator emulator) {
        Map<String, String> env = new HashMap<>(environment.settings());
        env.putAll(Map.of("BOT_MODE", "worker", "DISCORD_API_URL", emulator.apiUrl()));
        return env;
    }

    /** A gateway of {@code environment} connected to the emulator; it needs no database. */
    static Map<String, String> gatewaySettings(IsolatedEnvironment environment, DiscordEmulator emulator) {
        Map<String, String> env = new HashMap<>(environment.settings());
        env.remove("DATABASE_URL");
        env.putAll(Map.of("BOT_MODE", "gateway", "DISCORD_TOKEN", emulator.token(),
                "DISCORD_APPLICATION_ID", Long.toUnsignedString(emulator.applicationId()),
                "DISCORD_API_URL", emulator.apiUrl(), "DISCORD_GATEWAY_URL", emulator.gatewayUrl()));
        return env;
    }

    int readyStatus() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListeningYet) {
            return 0;
        }
    }

    String get(String path) throws InterruptedException, IOException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readyStatus() != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("not ready within " + timeout + "; output:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** SIGTERM, as Kubernetes stops a pod. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: the process dies at once and the kernel cuts its NATS and PostgreSQL connections. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process freezes with its connections open, holding whatever it holds. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " failed");
    }

    /** @return the exit code, or empty if still running after {@code timeout} */
    java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Files.deleteIfExists(output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
