package io.guildflow.devtools.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.e2e.CommandLineIT;
import io.guildflow.app.e2e.CommandLineIT.Result;
import io.guildflow.app.e2e.RunningJar;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.nats.NatsUnavailableException;
import io.guildflow.testsupport.nats.NatsServerProcess;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.database.PoolSettings;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with verification to a nats-server and a PostgreSQL cluster of the test's own, both holding
 * a certificate for 127.0.0.1 from a CA the test made. Dialling them as {@code localhost} reaches
 * the same servers under a name the certificate does not carry: the runtime must refuse.
 */
class TlsIT {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static NatsServerProcess nats;
    private static PostgresCluster postgres;

    @BeforeAll
    static void startServers() throws Exception {
        certificates = TestCertificates.create(dir);
        nats = NatsServerProcess.launch("""
                tls {
                  cert_file: "%s"
                  key_file: "%s"
                }
                """.formatted(certificates.serverCertificate(), certificates.serverKey()), Map.of());
        postgres = PostgresCluster.startWithTls(certificates);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (nats != null) {
            nats.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void natsOverTlsIsVerifiedAgainstTheCaFileAndTheHostName() throws Exception {
        GuildflowConfig good = GuildflowConfig.fromEnvironment(Map.of("NATS_URL", nats.url("tls", null),
                "NATS_CA_FILE", certificates.caCertificate().toString()));
        try (Connection connection = NatsConnections.connect(good.nats().servers(), "tls-test")) {
            assertEquals(Connection.Status.CONNECTED, connection.getStatus());
        }

        String wrongHost = "tls://localhost:" + nats.port();
        NatsUnavailableException mismatch = assertThrows(NatsUnavailableException.class, () -> NatsConnections.connect(
                GuildflowConfig.fromEnvironment(Map.of("NATS_URL", wrongHost,
                        "NATS_CA_FILE", certificates.caCertificate().toString())).nats().servers(), "tls-test").close());
        assertEquals("cannot connect to NATS at " + wrongHost + " (NATS_URL): TLS handshake refused: No name matching"
                + " localhost found (its certificate must be signed by the CA in NATS_CA_FILE="
                + certificates.caCertificate() + " and name the host in NATS_URL)", mismatch.getMessage());

        NatsUnavailableException untrusted = assertThrows(NatsUnavailableException.class, () -> NatsConnections.connect(
                GuildflowConfig.fromEnvironment(Map.of("NATS_URL", nats.url("tls", null))).nats().servers(), "tls-test")
                        .close());
        assertTrue(untrusted.getMessage().contains("TLS handshake refused: PKIX path building failed")
                && untrusted.getMessage().endsWith("(its certificate must be signed by the JVM's trusted CAs"
                + " and name the host in NATS_URL)"), untrusted.getMessage());
    }

    @Test
    void postgresWithDatabaseCaFileIsVerifiedFull() throws Exception {
        DatabaseSettings settings = GuildflowConfig.fromEnvironment(Map.of(
                "DATABASE_URL", postgres.url("127.0.0.1", ""),
                "DATABASE_CA_FILE", certificates.caCertificate().toString())).requireDatabase();
        assertTrue(settings.jdbcUrl().endsWith("&sslmode=verify-full"), settings.jdbcUrl());
        try (Database database = new Database(settings, PoolSettings.DEFAULT, "tls-test");
             java.sql.Connection connection = database.connection();
             Statement statement = connection.createStatement();
             ResultSet ssl = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertTrue(ssl.next() && ssl.getBoolean(1), "the session is encrypted");
        }
        // The same, spelled in the URL as libpq users know it.
        DatabaseSettings inUrl = GuildflowConfig.fromEnvironment(Map.of("DATABASE_URL", postgres.url("127.0.0.1",
                "sslmode=verify-full&sslrootcert=" + certificates.caCertificate()))).requireDatabase();
        try (Database database = new Database(inUrl, PoolSettings.DEFAULT, "tls-test")) {
            database.requireReachable();
        }
    }

    @Test
    void theRuntimeRunsOverVerifiedTlsAndRefusesAMismatchedCertificateWithOneLine() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("BOT_MODE", "worker", "ENVIRONMENT", "tls",
                "NATS_URL", nats.url("tls", null), "NATS_CA_FILE", certificates.caCertificate().toString(),
                "DATABASE_URL", postgres.url("127.0.0.1", ""), "DATABASE_CA_FILE", certificates.caCertificate().toString()));
        try (RunningJar worker = RunningJar.start(NatsAuthenticationIT.APP_JAR, env)) {
            worker.awaitReadyStatus(200, Duration.ofSeconds(60));
        }

        env.put("DATABASE_URL", postgres.url("localhost", ""));
        env.put("METRICS_ADDRESS", "127.0.0.1:0");
        env.put("DB_CONNECT_TIMEOUT", "2s");
        Result database = CommandLineIT.runJar(NatsAuthenticationIT.APP_JAR, env, "run");
        assertEquals(3, database.exitCode(), database.err());
        assertEquals(1, database.errLines().size(), database.err());
        assertTrue(database.errLines().get(0).startsWith("guildflow: PostgreSQL at postgresql://localhost:"
                + postgres.port() + "/postgres failed TLS verification"), database.err());

        env.put("NATS_URL", "tls://localhost:" + nats.port());
        Result natsResult = CommandLineIT.runJar(NatsAuthenticationIT.APP_JAR, env, "run");
        assertEquals(3, natsResult.exitCode(), natsResult.err());
        assertEquals(List.of("guildflow: cannot connect to NATS at tls://localhost:" + nats.port()
                + " (NATS_URL): TLS handshake refused: No name matching localhost found (its certificate must be signed"
                + " by the CA in NATS_CA_FILE=" + certificates.caCertificate() + " and name the host in NATS_URL)"),
                natsResult.errLines());
    }
}
