package io.guildflow.testkit.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code nats-server} with JetStream of a test's own, on a free loopback port with its own store
 * directory, for tests that stop and restart NATS. The shared server is never touched. The store
 * survives {@link #stop()} and {@link #start()}, as on a real restart; {@link #close()} removes it.
 */
public final class NatsServerProcess implements AutoCloseable {
    /** Override with {@code GUILDFLOW_TEST_NATS_SERVER}. */
    private static final String BINARY = System.getenv().getOrDefault("GUILDFLOW_TEST_NATS_SERVER",
            "/usr/sbin/nats-server");

    private final int port;
    private final Path storeDir;
    private Process process;

    private NatsServerProcess(int port, Path storeDir) {
        this.port = port;
        this.storeDir = storeDir;
    }

    public static NatsServerProcess launch() {
        try {
            NatsServerProcess server = new NatsServerProcess(freePort(), Files.createTempDirectory("gf-nats-"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts (again) on the same port and store; returns when it accepts connections. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(List.of(BINARY, "-a", "127.0.0.1", "-p", Integer.toString(port), "-js",
                    "-sd", storeDir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(storeDir.resolve("server.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepting()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("nats-server did not start on port " + port + "; see "
                        + storeDir.resolve("server.log"));
            }
            sleep(20);
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

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(storeDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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
