package io.guildflow.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void noUrlIsNoDatabase() {
        assertTrue(DatabaseSettings.from(new EnvironmentValues(Map.of())).isEmpty());
    }

    @Test
    void malformedDatabaseUrlNeverEchoesTheValue() {
        ConfigException error = assertThrows(ConfigException.class, () -> DatabaseSettings.from(
                new EnvironmentValues(Map.of("DATABASE_URL", "nonsense-with-s3cret"))));
        assertTrue(error.getMessage().startsWith("DATABASE_URL is not valid"), error.getMessage());
        assertFalse(error.getMessage().contains("s3cret"));
    }

    @Test
    void libpqUrlBecomesJdbcWithCredentialsApart() {
        DatabaseSettings db = DatabaseSettings.parse("DATABASE_URL",
                "postgres://bot:p%40ss@db.internal:6543/guildflow?sslmode=require");
        assertEquals("jdbc:postgresql://db.internal:6543/guildflow?sslmode=require", db.jdbcUrl());
        assertEquals("bot", db.user());
        assertEquals("p@ss", db.password().reveal());
        assertFalse(db.toString().contains("p@ss"));
        assertEquals("postgresql://db.internal:6543/guildflow", db.describe());
    }

    @Test
    void jdbcUrlIsTakenAsIs() {
        DatabaseSettings db = DatabaseSettings.parse("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test", db.jdbcUrl());
    }

    @Test
    void theSchemaIsPublicUnlessDatabaseSchemaOrTheUrlNamesOne() {
        String url = "postgres://bot@db:5432/guildflow";
        assertEquals(DatabaseSettings.DEFAULT_SCHEMA, DatabaseSettings.from(new EnvironmentValues(
                Map.of("DATABASE_URL", url))).orElseThrow().schema());
        assertEquals("signup_bot", DatabaseSettings.from(new EnvironmentValues(
                Map.of("DATABASE_URL", url, "DATABASE_SCHEMA", "signup_bot"))).orElseThrow().schema());
        assertEquals("legacy", DatabaseSettings.parse("DATABASE_URL", url + "?currentSchema=legacy").schema());
        assertEquals("signup_bot", DatabaseSettings.from(new EnvironmentValues(Map.of("DATABASE_URL", url,
                "DATABASE_SCHEMA", "signup_bot", "DATABASE_CA_FILE", "/dev/null"))).orElseThrow().schema());
    }

    @Test
    void aBadSchemaNameIsOneLineNamingTheVariable() {
        for (String bad : new String[] {"My_Bot", "1bot", "pg_bot", "bot-one", "bot;drop", "a".repeat(64)}) {
            ConfigException error = assertThrows(ConfigException.class, () -> DatabaseSettings.from(new EnvironmentValues(
                    Map.of("DATABASE_URL", "postgres://bot@db/guildflow", "DATABASE_SCHEMA", bad))));
            assertEquals("DATABASE_SCHEMA=" + bad + " is not valid: expected " + DatabaseSettings.SCHEMA_EXPECTED,
                    error.getMessage());
        }
        assertEquals("a".repeat(63), DatabaseSettings.schemaName("DATABASE_SCHEMA", "a".repeat(63)));
    }

    @Test
    void aUrlNamingAnotherSchemaIsRefused() {
        ConfigException error = assertThrows(ConfigException.class, () -> DatabaseSettings.from(new EnvironmentValues(
                Map.of("DATABASE_URL", "jdbc:postgresql://db/guildflow?currentSchema=one", "DATABASE_SCHEMA", "two"))));
        assertEquals("DATABASE_SCHEMA is two but DATABASE_URL's currentSchema is one: set only one of them",
                error.getMessage());
    }
}
