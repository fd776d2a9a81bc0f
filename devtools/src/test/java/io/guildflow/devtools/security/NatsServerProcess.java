package io.guildflow.devtools.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A nats-server of a test's own, on a free loopback port with its own JetStream store, removed on
 * close: security tests change authentication and TLS, which the shared server on 4222 must never see.
 */
final class NatsServerProcess implements AutoCloseable {
    static final Path BINARY = Path.of(System.getenv().getOrDefault("GUILDFLOW_TEST_NATS_SERVER", "/usr/sbin/nats-server"));

    private final Process process;
    private final Path directory;
    private final Path config;
    private final int port;

    private NatsServerProcess(Process process, Path directory, Path config, int port) {
        this.process = process;
        this.directory = directory;
        this.config = config;
        this.port = port;
    }

    /**
     * @param configuration the server configuration (port and store directory are given on the command line)
     * @param environment   variables the configuration refers to as {@code $NAME}
     */
    static NatsServerProcess start(String configuration, Map<String, String> environment) throws IOException {
        Path directory = Files.createTempDirectory("guildflow-nats-");
        Path config = Files.writeString(directory.resolve("nats-server.conf"), configuration);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-c", config.toString(), "-a", "127.0.0.1",
                "-p", Integer.toString(port), "-js", "-sd", directory.resolve("jetstream").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("server.log").toFile());
        builder.environment().putAll(environment);
        NatsServerProcess server = new NatsServerProcess(builder.start(), directory, config, port);
        server.awaitListening();
        return server;
    }

    int port() {
        return port;
    }

    String url(String scheme, String userInfo) {
        return scheme + "://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port;
    }

    String url() {
        return url("nats", null);
    }

    Path directory() {
        return directory;
    }

    String log() throws IOException {
        return Files.readString(directory.resolve("server.log"), StandardCharsets.UTF_8);
    }

    /** Writes a new configuration and has the server reload it (SIGHUP), as an operator revoking a user would. */
    void reload(String configuration) throws IOException, InterruptedException {
        Files.writeString(config, configuration);
        Process signal = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (signal.waitFor() != 0) {
            throw new IllegalStateException("cannot signal nats-server " + process.pid());
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException("nats-server did not listen on " + port + " within 15 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + directory, e);
        }
    }
}
