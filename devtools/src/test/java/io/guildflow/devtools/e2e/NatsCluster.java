package io.guildflow.devtools.e2e;

import io.guildflow.testsupport.nats.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Three real nats-server processes forming a JetStream cluster on free loopback ports, each with its
 * own store directory; a node can be killed (SIGKILL) and started again on the same ports and store.
 */
final class NatsCluster implements AutoCloseable {
    private static final Path SERVER = NatsServerProcess.BINARY;

    private final Path root;
    private final List<Node> nodes = new ArrayList<>();

    private final class Node {
        final String name;
        final int clientPort;
        final int clusterPort;
        Process process;

        Node(String name, int clientPort, int clusterPort) {
            this.name = name;
            this.clientPort = clientPort;
            this.clusterPort = clusterPort;
        }

        void start() throws IOException {
            Path store = Files.createDirectories(root.resolve(name));
            String routes = nodes.stream().map(n -> "nats://127.0.0.1:" + n.clusterPort)
                    .collect(Collectors.joining(","));
            process = new ProcessBuilder(SERVER.toString(), "-a", "127.0.0.1", "-p", String.valueOf(clientPort),
                    "-js", "-sd", store.toString(), "--server_name", name, "--cluster_name", "gf-test",
                    "--cluster", "nats://127.0.0.1:" + clusterPort, "--routes", routes)
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve(name + ".log").toFile())
                    .start();
        }
    }

    private NatsCluster(Path root) {
        this.root = root;
    }

    static NatsCluster start(int size) throws Exception {
        if (!Files.isExecutable(SERVER)) {
            throw new AssertionError("nats-server not found at " + SERVER + " (GUILDFLOW_TEST_NATS_SERVER)");
        }
        NatsCluster cluster = new NatsCluster(Files.createTempDirectory("guildflow-nats-cluster"));
        try {
            for (int i = 1; i <= size; i++) {
                cluster.nodes.add(cluster.new Node("n" + i, NatsServerProcess.freePort(), NatsServerProcess.freePort()));
            }
            for (Node node : cluster.nodes) {
                node.start();
            }
            cluster.awaitJetStream(Duration.ofSeconds(30));
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** Every server, comma-separated, as NATS_URL takes them. */
    String url() {
        return nodes.stream().map(n -> "nats://127.0.0.1:" + n.clientPort).collect(Collectors.joining(","));
    }

    Connection connect() throws IOException, InterruptedException {
        return Nats.connect(Options.builder().servers(url().split(",")).maxReconnects(-1)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    void kill(String name) throws InterruptedException {
        Node node = node(name);
        node.process.destroyForcibly();
        node.process.waitFor(10, TimeUnit.SECONDS);
    }

    void restart(String name) throws IOException {
        node(name).start();
    }

    private Node node(String name) {
        return nodes.stream().filter(n -> n.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name));
    }

    /** Until the servers listen and the cluster has a JetStream meta leader (account info answers). */
    private void awaitJetStream(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Connection connection = connect()) {
                connection.jetStreamManagement().getAccountStatistics();
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the NATS cluster has no JetStream leader after " + timeout + ": " + last);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Node node : nodes) {
            if (node.process != null) {
                node.process.destroy();
                if (!node.process.waitFor(10, TimeUnit.SECONDS)) {
                    node.process.destroyForcibly().waitFor();
                }
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
