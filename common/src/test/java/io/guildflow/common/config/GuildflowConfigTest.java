package io.guildflow.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.nats.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuildflowConfigTest {

    @Test
    void defaultsFollowDesign() {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(Map.of());
        assertEquals(BotMode.STANDALONE, config.mode());
        assertEquals(List.of("nats://localhost:4222"), config.natsUrls());
        assertEquals("development", config.environment());
        assertEquals(8080, config.metricsAddress().getPort());
        assertEquals(Duration.ofSeconds(2), config.ackDeadline());
        assertEquals(GuildflowConfig.DatabasePool.DEFAULT, config.databasePool());
        assertEquals("https://discord.com/api/v10", config.discordApiUrl().toString());
        assertTrue(config.discordGatewayUrl().isEmpty());
        assertTrue(config.shardCount().isEmpty());
        assertEquals(1, config.streamReplicas());
    }

    @Test
    void streamReplicasReachTheTopologyWithinJetStreamsLimit() {
        GuildflowConfig cluster = GuildflowConfig.fromEnvironment(
                Map.of("STREAM_REPLICAS", "3", "ENVIRONMENT", "production"));
        assertEquals(new Topology("production", 3), cluster.topology());
        for (String bad : List.of("0", "6", "three")) {
            ConfigException error = assertThrows(ConfigException.class,
                    () -> GuildflowConfig.fromEnvironment(Map.of("STREAM_REPLICAS", bad)), bad);
            assertTrue(error.getMessage().startsWith("STREAM_REPLICAS=" + bad + " is not valid"), error.getMessage());
        }
    }

    @Test
    void shutdownTimeoutDefaultsToTwentySecondsAndIsParsed() {
        assertEquals(Duration.ofSeconds(20), GuildflowConfig.fromEnvironment(Map.of()).shutdown().timeout());
        assertEquals(Duration.ofSeconds(45),
                GuildflowConfig.fromEnvironment(Map.of("SHUTDOWN_TIMEOUT", "45s")).shutdown().timeout());
        ConfigException error = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("SHUTDOWN_TIMEOUT", "soon")));
        assertTrue(error.getMessage().startsWith("SHUTDOWN_TIMEOUT=soon is not valid"), error.getMessage());
    }

    @Test
    void shardIdsNameARangeOrListBelowTheShardCount() {
        assertTrue(GuildflowConfig.fromEnvironment(Map.of()).shardIds().isAll());
        assertEquals(List.of(0, 1, 2, 3), GuildflowConfig.fromEnvironment(Map.of("SHARD_IDS", "0-3", "SHARD_COUNT", "8"))
                .shardIds().ids().orElseThrow());
        assertEquals(List.of(0, 2, 5), GuildflowConfig.fromEnvironment(Map.of("SHARD_IDS", "5,0,2", "SHARD_COUNT", "8"))
                .shardIds().ids().orElseThrow());
        assertEquals("2-3", GuildflowConfig.fromEnvironment(Map.of("SHARD_IDS", "2-3", "SHARD_COUNT", "4"))
                .shardIds().describe());
        for (Map<String, String> bad : List.of(Map.of("SHARD_IDS", "0-3"), Map.of("SHARD_IDS", "0-4", "SHARD_COUNT", "4"),
                Map.of("SHARD_IDS", "3-1", "SHARD_COUNT", "4"), Map.of("SHARD_IDS", "a-b", "SHARD_COUNT", "4"))) {
            ConfigException error = assertThrows(ConfigException.class, () -> GuildflowConfig.fromEnvironment(bad));
            assertTrue(error.getMessage().startsWith("SHARD_IDS=" + bad.get("SHARD_IDS") + " is not valid"),
                    error.getMessage());
        }
    }

    @Test
    void badModeNamesVariableAndChoices() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("BOT_MODE", "banana")));
        assertEquals("BOT_MODE=banana is not valid: expected one of standalone, gateway, worker", error.getMessage());
    }

    @Test
    void gatewayWithoutTokenIsRefusedAtStartUp() {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(Map.of("BOT_MODE", "gateway"));
        ConfigException error = assertThrows(ConfigException.class, config::validateForMode);
        assertTrue(error.getMessage().startsWith("DISCORD_TOKEN is not set"), error.getMessage());
    }

    @Test
    void workerNeedsDatabaseButNoToken() {
        GuildflowConfig withoutDatabase = GuildflowConfig.fromEnvironment(Map.of("BOT_MODE", "worker"));
        assertThrows(ConfigException.class, withoutDatabase::validateForMode);
        GuildflowConfig withDatabase = GuildflowConfig.fromEnvironment(
                Map.of("BOT_MODE", "worker", "DATABASE_URL", "postgres://u:p@db:5432/bot"));
        assertEquals(BotMode.WORKER, withDatabase.validateForMode().mode());
    }

    @Test
    void malformedDatabaseUrlNeverEchoesTheValue() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("DATABASE_URL", "nonsense-with-s3cret")));
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
    void durationsAcceptShortAndIsoForms() {
        assertEquals(Duration.ofMillis(1500), EnvironmentValues.parseDuration("ACK_DEADLINE", "1500ms"));
        assertEquals(Duration.ofSeconds(2), EnvironmentValues.parseDuration("ACK_DEADLINE", "PT2S"));
        ConfigException error = assertThrows(ConfigException.class,
                () -> EnvironmentValues.parseDuration("ACK_DEADLINE", "soon"));
        assertTrue(error.getMessage().startsWith("ACK_DEADLINE=soon is not valid"), error.getMessage());
    }

    @Test
    void ackDeadlineBeyondDiscordsWindowIsRefused() {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(Map.of("BOT_MODE", "gateway",
                "DISCORD_TOKEN", "t", "ACK_DEADLINE", "3s"));
        assertThrows(ConfigException.class, config::validateForMode);
    }

    @Test
    void environmentMustBeSafeForNatsNames() {
        assertEquals("alpha-1", GuildflowConfig.environment("Alpha-1"));
        assertThrows(ConfigException.class, () -> GuildflowConfig.environment("prod.eu"));
        assertThrows(ConfigException.class, () -> GuildflowConfig.environment("a b"));
    }

    @Test
    void otherMalformedValuesNameTheirVariable() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("NATS_URL", "localhost"),
                Map.entry("METRICS_ADDRESS", ":http"),
                Map.entry("SHARD_COUNT", "0"),
                Map.entry("DB_POOL_MAX", "-3"),
                Map.entry("LOG_LEVEL", "loud"),
                Map.entry("DISCORD_API_URL", "discord"),
                Map.entry("DISCORD_GATEWAY_URL", "http://x"),
                Map.entry("DISCORD_GUILD_ID", "abc"),
                Map.entry("WORKER_CONCURRENCY", "0"),
                Map.entry("ACK_WAIT", "soon"),
                Map.entry("MAX_DELIVER", "none"),
                Map.entry("WORKER_NICE", "20"));
        cases.forEach((variable, value) -> {
            ConfigException error = assertThrows(ConfigException.class,
                    () -> GuildflowConfig.fromEnvironment(Map.of(variable, value)), variable);
            assertTrue(error.getMessage().startsWith(variable + "="), error.getMessage());
            assertFalse(error.getMessage().contains("\n"));
        });
    }

    @Test
    void workerSettingsAreReadOnceWithDefaultsAndLimits() {
        assertEquals(WorkerSettings.DEFAULT, GuildflowConfig.fromEnvironment(Map.of()).worker());
        WorkerSettings set = GuildflowConfig.fromEnvironment(Map.of("WORKER_CONCURRENCY", "4", "ACK_WAIT", "30s",
                "MAX_DELIVER", "3")).worker();
        assertEquals(new WorkerSettings(4, java.time.Duration.ofSeconds(30), 3, WorkerSettings.DEFAULT_NICE), set);
        assertEquals(0, GuildflowConfig.fromEnvironment(Map.of("WORKER_NICE", "0")).worker().nice(), "0: left alone");
        assertEquals("WORKER_NICE=-1 is not valid: expected a whole number, 0 or more", assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("WORKER_NICE", "-1"))).getMessage());
        ConfigException tooFew = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("MAX_DELIVER", "1")));
        assertEquals("MAX_DELIVER=1 is not valid: expected at least 2 (the last delivery goes to the dead-letter stream)",
                tooFew.getMessage());
        ConfigException tooShort = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("ACK_WAIT", "500ms")));
        assertEquals("ACK_WAIT=500ms is not valid: expected at least 1s", tooShort.getMessage());
    }

    @Test
    void secretsHideThemselves() {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(Map.of("DISCORD_TOKEN", "abc.def.ghi"));
        assertFalse(config.toString().contains("abc.def.ghi"));
        assertEquals("abc.def.ghi", config.requireDiscordToken().reveal());
    }

    @Test
    void tracesGoWhereTempoEndpointOrTheOpenTelemetryVariableSays() {
        assertTrue(GuildflowConfig.fromEnvironment(Map.of()).tracesEndpoint().isEmpty(), "no export by default");
        assertEquals("http://tempo:4318/v1/traces", GuildflowConfig.fromEnvironment(
                Map.of("TEMPO_ENDPOINT", "http://tempo:4318")).tracesEndpoint().orElseThrow());
        assertEquals("https://otlp.example/custom/traces", GuildflowConfig.fromEnvironment(
                Map.of("TEMPO_ENDPOINT", "https://otlp.example/custom/traces")).tracesEndpoint().orElseThrow());
        // the specification's meaning: a base URL, even with a path of its own
        assertEquals("http://collector:4318/otlp/v1/traces", GuildflowConfig.fromEnvironment(
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/otlp/")).tracesEndpoint().orElseThrow());
        assertEquals("http://tempo:4318/v1/traces", GuildflowConfig.fromEnvironment(Map.of(
                "TEMPO_ENDPOINT", "http://tempo:4318", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://other:4318"))
                .tracesEndpoint().orElseThrow(), "TEMPO_ENDPOINT wins");
        ConfigException bad = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")));
        assertTrue(bad.getMessage().contains("OTEL_EXPORTER_OTLP_ENDPOINT"), bad.getMessage());
    }

    @Test
    void lokiUrlIsCheckedWithTheOtherSettings() {
        assertEquals("http://loki:3100", GuildflowConfig.fromEnvironment(Map.of("LOKI_URL", "http://loki:3100"))
                .lokiUrl().orElseThrow());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("LOKI_URL", "loki:3100")));
        assertEquals("LOKI_URL=loki:3100 is not valid: expected Loki's base or push URL, an absolute http(s) URL"
                + " such as http://loki:3100", bad.getMessage());
    }
}
