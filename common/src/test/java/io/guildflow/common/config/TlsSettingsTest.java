package io.guildflow.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.nats.NatsServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NATS_CA_FILE and DATABASE_CA_FILE as read from the environment; the handshakes themselves are in devtools' TlsIT. */
class TlsSettingsTest {
    @TempDir
    Path dir;

    @Test
    void natsUsesTlsForTlsUrlsOrACaFile() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
        assertFalse(nats(Map.of()).usesTls());
        assertTrue(nats(Map.of("NATS_URL", "tls://nats:4222")).usesTls());
        NatsServers withCa = nats(Map.of("NATS_CA_FILE", ca.toString()));
        assertTrue(withCa.usesTls());
        assertEquals(ca, withCa.caFile().orElseThrow());
    }

    @Test
    void aMissingCaFileIsOneLineNamingTheVariable() {
        Path missing = dir.resolve("missing.pem");
        ConfigException nats = assertThrows(ConfigException.class,
                () -> nats(Map.of("NATS_CA_FILE", missing.toString())));
        assertTrue(nats.getMessage().startsWith("NATS_CA_FILE=" + missing + " is not valid: expected a readable PEM file"),
                nats.getMessage());
        ConfigException database = assertThrows(ConfigException.class, () -> database(
                Map.of("DATABASE_URL", "postgres://u@db/x", "DATABASE_CA_FILE", missing.toString())));
        assertTrue(database.getMessage().startsWith("DATABASE_CA_FILE=" + missing + " is not valid"), database.getMessage());
    }

    @Test
    void databaseCaFileMeansVerifyFullUnlessTheUrlChoseAMode() throws Exception {
        Path ca = Files.writeString(dir.resolve("root.crt"), "pem");
        DatabaseSettings full = database(Map.of("DATABASE_URL", "postgres://u:p@db:5432/x",
                "DATABASE_CA_FILE", ca.toString()));
        assertEquals("jdbc:postgresql://db:5432/x?sslrootcert=" + ca.toString().replace("/", "%2F")
                + "&sslmode=verify-full", full.jdbcUrl());
        DatabaseSettings chosen = database(Map.of("DATABASE_URL",
                "postgres://u:p@db:5432/x?sslmode=verify-ca", "DATABASE_CA_FILE", ca.toString()));
        assertTrue(chosen.jdbcUrl().endsWith("?sslmode=verify-ca&sslrootcert=" + ca.toString().replace("/", "%2F")),
                chosen.jdbcUrl());
        ConfigException twice = assertThrows(ConfigException.class, () -> database(Map.of(
                "DATABASE_URL", "postgres://u:p@db:5432/x?sslrootcert=/a.pem", "DATABASE_CA_FILE", ca.toString())));
        assertEquals("DATABASE_CA_FILE is set and DATABASE_URL names sslrootcert too: set only one of them",
                twice.getMessage());
    }

    private static NatsServers nats(Map<String, String> env) {
        return NatsServers.from(new EnvironmentValues(env));
    }

    private static DatabaseSettings database(Map<String, String> env) {
        return DatabaseSettings.from(new EnvironmentValues(env)).orElseThrow();
    }
}
