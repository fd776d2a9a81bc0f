package io.guildflow.worker.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.DependencyException;
import io.guildflow.common.config.DatabaseSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Each way PostgreSQL can be unusable at start-up, against the real server on 127.0.0.1:5432 (trust auth,
 * no TLS) or a port nothing listens on: one line naming the real cause and what to do, exit code 3.
 * Password refusal (28P01) needs a server that asks for passwords; PostgresFailuresTest covers its SQLState.
 */
class ConnectionFailuresIT {
    private static final PoolSettings SHORT = new PoolSettings(2, Duration.ofSeconds(30), Duration.ofSeconds(3));

    private static DependencyException failure(String jdbcUrl, String password) {
        DatabaseSettings settings = new DatabaseSettings(jdbcUrl, null,
                password == null ? null : new io.guildflow.common.config.Secret(password));
        try (Database database = new Database(settings, SHORT, "failures")) {
            DependencyException error = assertThrows(DependencyException.class, database::requireReachable);
            assertEquals(3, error.exitCode());
            assertFalse(error.getMessage().contains("\n"), error.getMessage());
            return error;
        }
    }

    @Test
    void nothingListeningIsRefusedNotTls() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        for (String mode : new String[] {"", "?sslmode=disable"}) {
            DependencyException error = failure("jdbc:postgresql://127.0.0.1:" + closed + "/test" + mode
                    + (mode.isEmpty() ? "?" : "&") + "user=postgres", null);
            assertEquals("PostgreSQL at postgresql://127.0.0.1:" + closed + "/test refused the connection: nothing"
                    + " listens on that host and port (DATABASE_URL): start PostgreSQL there, or correct the host or port",
                    error.getMessage());
        }
    }

    @Test
    void anUnresolvableHostIsNamedAsSuch() {
        DependencyException error = failure("jdbc:postgresql://nohost.invalid:5432/test?user=postgres", null);
        assertEquals("PostgreSQL at postgresql://nohost.invalid:5432/test: the host name does not resolve"
                + " (DATABASE_URL): correct the host, or check DNS", error.getMessage());
    }

    @Test
    void aMissingDatabaseIsNotAnUnreachableServer() {
        DependencyException error = failure("jdbc:postgresql://127.0.0.1:5432/guildflow_no_such_db?user=postgres", null);
        assertTrue(error.getMessage().startsWith("PostgreSQL at postgresql://127.0.0.1:5432/guildflow_no_such_db has no"
                + " such database (DATABASE_URL): create it (createdb, or CREATE DATABASE) or correct the database name: "),
                error.getMessage());
        assertTrue(error.getMessage().contains("\"guildflow_no_such_db\" does not exist"), error.getMessage());
    }

    @Test
    void anUnknownRoleIsRefusedCredentialsWithoutThePassword() {
        // This server trusts 127.0.0.1, so an unknown role is the refusal it can give (28000).
        DependencyException error = failure("jdbc:postgresql://127.0.0.1:5432/test?user=guildflow_no_such_role",
                "s3cret-pw");
        assertTrue(error.getMessage().startsWith("PostgreSQL at postgresql://127.0.0.1:5432/test refused the credentials"
                + " (DATABASE_URL user and password; the server's pg_hba.conf): "), error.getMessage());
        assertTrue(error.getMessage().contains("guildflow_no_such_role"), error.getMessage());
        assertFalse(error.getMessage().contains("s3cret-pw"), error.getMessage());
    }

    @Test
    void verifyFullAgainstAServerWithoutTlsIsATlsFailure() {
        DependencyException error = failure("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&sslmode=verify-full",
                null);
        assertTrue(error.getMessage().startsWith("PostgreSQL at postgresql://127.0.0.1:5432/test failed TLS verification"
                + " (DATABASE_URL sslmode/sslrootcert, DATABASE_CA_FILE; the server's ssl setting): "), error.getMessage());
        assertTrue(error.getMessage().contains("SSL"), error.getMessage());
    }
}
