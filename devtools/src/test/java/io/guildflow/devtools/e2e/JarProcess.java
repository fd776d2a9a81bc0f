package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.bench.GatewayJvm;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar running as a long-lived process of its own, as in a container: its own health
 * port, stopped with SIGTERM like Kubernetes does. Output goes to a file, shown when a test fails.
 */
final class JarProcess implements AutoCloseable {
    /** A bot jar (runtime plus the example bot), as a bot project builds it: the production jar alone serves no command. */
    static final Path JAR = Path.of("..", "examples", "target", "guildflow-example-bot.jar");
    /** The jar's Main-Class, for a class path with more than the jar. */
    private static final String MAIN_CLASS = "io.guildflow.app.Main";
    /** Shared class data of the jar, per role: most of a start's CPU is loading classes. */
    private static final ClassArchive ARCHIVE = new ClassArchive(Path.of("target", "cds"), JAR);
    /** RunCommand's start-up line. */
    private static final Pattern STARTED = Pattern.compile("health on port (\\d+)");

    private final Process process;
    private volatile int healthPort;
    private final Path output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private JarProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** What a gateway process of this environment gets: Discord pointed at the emulator, no database. */
    static Map<String, String> gatewaySettings(DiscordEmulator emulator, IsolatedEnvironment environment) {
        Map<String, String> env = new HashMap<>(environment.settings());
        env.remove("DATABASE_URL");
        env.putAll(Map.of("BOT_MODE", "gateway", "DISCORD_TOKEN", emulator.token(),
                "DISCORD_APPLICATION_ID", emulator.applicationId(),
                "DISCORD_API_URL", emulator.apiUrl(), "DISCORD_GATEWAY_URL", emulator.gatewayUrl()));
        // the privileged intents the bot's event handlers need, as its operator allows them
        env.putAll(EmulatorSettings.of(emulator));
        return env;
    }

    /** What a worker process of this environment gets: answers go to the emulator. */
    static Map<String, String> workerSettings(DiscordEmulator emulator, IsolatedEnvironment environment) {
        Map<String, String> env = new HashMap<>(environment.settings());
        env.putAll(Map.of("BOT_MODE", "worker", "DISCORD_API_URL", emulator.apiUrl()));
        return env;
    }

    /**
     * {@code guildflow run} with these variables. The health server takes a port of its own choosing
     * ({@code METRICS_ADDRESS=127.0.0.1:0}) and the process names it in its start-up line: a port picked
     * here and handed over could be taken meanwhile by another process with a {@code /ready} of its own.
     */
    static JarProcess run(Map<String, String> env) throws IOException {
        return launch(env, List.of("-jar", JAR.toString()), false);
    }

    /**
     * The bot jar plus handlers only the tests have (e.g. one that always throws), found by the runtime
     * like a bot's own: listed in a {@code META-INF/services} file on the class path, never in the shipped jar.
     */
    static JarProcess runWithTestHandlers(Map<String, String> env, Class<?>... handlers) throws IOException {
        Path services = Files.createTempDirectory("guildflow-test-handlers");
        Path list = services.resolve("META-INF/services/io.guildflow.api.InteractionHandler");
        Files.createDirectories(list.getParent());
        List<String> classPath = new ArrayList<>(List.of(JAR.toString(), services.toString()));
        StringBuilder names = new StringBuilder();
        for (Class<?> handler : handlers) {
            names.append(handler.getName()).append('\n');
            try {
                classPath.add(Path.of(handler.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                throw new IOException("cannot locate " + handler, e);
            }
        }
        Files.writeString(list, names);
        // removed with the test JVM, deepest first (deleteOnExit runs in reverse order of registration)
        for (Path made : List.of(services, list.getParent().getParent(), list.getParent(), list)) {
            made.toFile().deleteOnExit();
        }
        return launch(env, List.of("-cp", String.join(java.io.File.pathSeparator, classPath), MAIN_CLASS), true);
    }

    private static JarProcess launch(Map<String, String> env, List<String> what, boolean moreClassPath)
            throws IOException {
        assertTrue(Files.exists(JAR), "package the app first: " + JAR.toAbsolutePath());
        String role = env.getOrDefault("BOT_MODE", "standalone");
        ClassArchive.Use archive = ARCHIVE.use(role, moreClassPath);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(archive.jvmOptions());
        // C1 only, every role: the gateway as the image runs it; a worker here because a test's process lives seconds,
        // where C2's compilations cost more CPU than they save and take it from the test on two cores (the e2e tests
        // took a fifth less time). Behaviour is the same; bench measures workers as the image runs them.
        command.addAll(GatewayJvm.OPTIONS);
        command.addAll(what);
        command.add("run");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("METRICS_ADDRESS", "127.0.0.1:0");
        builder.environment().putIfAbsent("LOG_LEVEL", "info"); // for the start-up line naming the port
        Path output = Files.createTempFile("guildflow-process", ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process.onExit().thenAccept(ended -> archive.exited(ended.exitValue()));
        return new JarProcess(process, output);
    }

    /** Where its /health, /ready and /metrics answer (known once it has started: after {@link #awaitReady}). */
    String healthUrl() {
        return "http://127.0.0.1:" + healthPort;
    }

    int readyStatus() throws InterruptedException {
        if (healthPort == 0 && !findHealthPort()) {
            return 0;
        }
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

    /** The nice values its threads run at (Linux: {@code /proc/<pid>/task/<tid>/stat}, the 19th field). */
    java.util.Set<Integer> threadNiceValues() throws IOException {
        return threadNiceValues(name -> true);
    }

    /**
     * The nice values of the threads whose name (the kernel's copy: the first 15 characters) {@code named}
     * accepts.
     */
    java.util.Set<Integer> threadNiceValues(java.util.function.Predicate<String> named) throws IOException {
        java.util.Set<Integer> values = new java.util.TreeSet<>();
        try (java.util.stream.Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    if (named.test(Files.readString(thread.resolve("comm")).strip())) {
                        String stat = Files.readString(thread.resolve("stat"));
                        values.add(Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]));
                    }
                } catch (java.nio.file.NoSuchFileException ended) {
                    // the thread ended while listed
                }
            }
        }
        return values;
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

    private boolean findHealthPort() {
        try {
            Matcher started = STARTED.matcher(output());
            if (started.find()) {
                healthPort = Integer.parseInt(started.group(1));
            }
        } catch (IOException notWrittenYet) {
            return false;
        }
        return healthPort != 0;
    }
}
