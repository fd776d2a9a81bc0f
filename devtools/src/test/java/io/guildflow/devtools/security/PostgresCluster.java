package io.guildflow.devtools.security;

import io.guildflow.testsupport.nats.NatsServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 cluster of a test's own, with TLS only (ssl = on, hostssl in pg_hba), on a free
 * loopback port; stopped and deleted on close. initdb refuses to run as root, so as root the
 * commands run as the postgres user.
 */
final class PostgresCluster implements AutoCloseable {
    static final Path BIN = Path.of(System.getenv().getOrDefault("GUILDFLOW_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"));

    private final Path directory;
    private final Path data;
    private final int port;

    private PostgresCluster(Path directory, int port) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
    }

    static PostgresCluster startWithTls(TestCertificates certificates) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("guildflow-pg-");
        PostgresCluster cluster = new PostgresCluster(directory, NatsServerProcess.freePort());
        try {
            cluster.start(certificates);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void start(TestCertificates certificates) throws IOException, InterruptedException {
        chownToPostgres(directory);
        run(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "--no-sync");
        Files.copy(certificates.serverCertificate(), data.resolve("server.pem"));
        Files.copy(certificates.serverKey(), data.resolve("server.key"));
        chownToPostgres(data);
        run("chmod", "600", data.resolve("server.key").toString());
        Files.writeString(data.resolve("postgresql.conf"), """
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = '%s'
                ssl = on
                ssl_cert_file = 'server.pem'
                ssl_key_file = 'server.key'
                fsync = off
                """.formatted(port, directory), StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), "hostssl all all 127.0.0.1/32 trust\n");
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", directory.resolve("server.log").toString(),
                "-w", "-t", "60", "start");
    }

    int port() {
        return port;
    }

    /** A libpq-style DATABASE_URL for this cluster, dialling {@code host}. */
    String url(String host, String query) {
        return "postgres://postgres@" + host + ":" + port + "/postgres" + (query.isEmpty() ? "" : "?" + query);
    }

    private void chownToPostgres(Path path) throws IOException, InterruptedException {
        if (isRoot()) {
            run("chown", "-R", "postgres:postgres", path.toString());
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot() && !List.of("chown", "chmod").contains(command[0])) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
