package io.guildflow.testsupport.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code nats-server} with JetStream of a test's own, on a free loopback port with its own
 * directory (store, configuration, log), for tests that stop and restart NATS or change its
 * authentication and TLS, which the shared server on 4222 must never see. The store survives
 * {@link #stop()} and {@link #start()}, as on a real restart; {@link #close()} removes the directory.
 * Port, listen address and store are always given on the command line.
 */
public final class NatsServerProcess implements AutoCloseable {
    /** Override with {@code GUILDFLOW_TEST_NATS_SERVER}. */
    public static final Path BINARY = Path.of(System.getenv().getOrDefault("GUILDFLOW_TEST_NATS_SERVER",
            "/usr/sbin/nats-server"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final List<String> launcher;
    private final Map<String, String> environment;
    private final Path directory;
    private final int port;
    private Process process;

    private NatsServerProcess(List<String> launcher, Map<String, String> environment, Path directory, int port) {
        this.launcher = List.copyOf(launcher);
        this.environment = Map.copyOf(environment);
        this.directory = directory;
        this.port = port;
    }

    /** A plain server: no authentication, JetStream on. */
    public static NatsServerProcess launch() {
        return launch(BINARY);
    }

    /** A plain server of that binary (the demo's own NATS: whichever nats-server it found). */
    public static NatsServerProcess launch(Path binary) {
        return launch(directory -> List.of(binary.toString()), Map.of());
    }

    /**
     * @param configuration the server configuration (port and store are given on the command line)
     * @param environment   variables the configuration refers to as {@code $NAME}
     */
    public static NatsServerProcess launch(String configuration, Map<String, String> environment) {
        return launch(directory -> List.of(BINARY.toString(), "-c",
                write(directory.resolve("nats-server.conf"), configuration).toString()), environment);
    }

    /**
     * Through a start script that ends in {@code exec nats-server "$@"} (deploy/nats/start.sh): run with
     * {@code sh}, {@link #BINARY}'s folder first on its PATH, the server options as its arguments.
     */
    public static NatsServerProcess launchScript(Path script, Map<String, String> environment) {
        Map<String, String> withBinary = new HashMap<>(environment);
        withBinary.put("PATH", BINARY.toAbsolutePath().getParent() + ":" + System.getenv().getOrDefault("PATH", ""));
        return launch(directory -> List.of("sh", script.toString()), withBinary);
    }

    private interface Launcher {
        List<String> command(Path directory);
    }

    private static NatsServerProcess launch(Launcher launcher, Map<String, String> environment) {
        try {
            Path directory = Files.createTempDirectory("guildflow-nats-");
            NatsServerProcess server = new NatsServerProcess(launcher.command(directory), environment, directory,
                    freePort());
            try {
                server.start();
            } catch (RuntimeException e) {
                server.close(); // the failure names what the log said: nothing is left behind
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return url("nats", null);
    }

    /** {@code scheme://[userInfo@]127.0.0.1:port} */
    public String url(String scheme, String userInfo) {
        return scheme + "://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port;
    }

    public Path directory() {
        return directory;
    }

    /** The running server's process id. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("nats-server is not running");
        }
        return process.pid();
    }

    /** Everything the server (or its start script) wrote so far. */
    public String log() {
        try {
            return Files.readString(directory.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (again) on the same port and store; returns when it accepts connections. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("-a", "127.0.0.1", "-p", Integer.toString(port), "-js",
                "-sd", directory.resolve("jetstream").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepting()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("nats-server did not listen on " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s:\n" + log());
            }
            sleep(20);
        }
    }

    /** Writes a new configuration and has the server reload it (SIGHUP), as an operator revoking a user would. */
    public void reload(String configuration) throws IOException, InterruptedException {
        write(directory.resolve("nats-server.conf"), configuration);
        Process signal = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (signal.waitFor() != 0) {
            throw new IllegalStateException("cannot signal nats-server " + process.pid());
        }
    }

    /** Stops the server as an outage would (SIGTERM), keeping its store. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Stopped, removes the JetStream store: the next {@link #start()} is a server that lost its disk (a pod without
     * its volume), on the same port, with no stream, consumer or message of before.
     */
    public synchronized void wipeStore() {
        if (process != null) {
            throw new IllegalStateException("stop the server before removing its store");
        }
        Path store = directory.resolve("jetstream");
        if (!Files.exists(store)) {
            return;
        }
        try (Stream<Path> files = Files.walk(store)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + store, e);
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }

    /** A loopback port no one listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
