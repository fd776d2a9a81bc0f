package io.guildflow.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process configuration as a whole; each section's own rules are tested beside the section. */
class GuildflowConfigTest {

    @Test
    void everySectionIsReadFromOneEnvironment() {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(Map.of("BOT_MODE", "gateway", "ENVIRONMENT", "Blue",
                "LOG_LEVEL", "warn", "NATS_URL", "nats://n:4222", "DISCORD_API_URL", "http://d/api",
                "SHARD_COUNT", "4", "WORKER_CONCURRENCY", "3"));
        assertEquals(BotMode.GATEWAY, config.process().mode());
        assertEquals("warn", config.telemetry().logLevel());
        assertEquals("blue", config.environment());
        assertEquals("nats://n:4222", config.nats().servers().urls().get(0));
        assertEquals("http://d/api", config.discord().apiUrl().toString());
        assertEquals(4, config.gateway().shards().shardCount().orElseThrow());
        assertEquals(3, config.worker().consumer().concurrency());
    }

    @Test
    void gatewayWithoutTokenIsRefusedAtStartUp() {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(Map.of("BOT_MODE", "gateway"));
        ConfigException error = assertThrows(ConfigException.class, config::validateForMode);
        assertTrue(error.getMessage().startsWith("DISCORD_TOKEN is not set"), error.getMessage());
        assertTrue(error.getMessage().contains("(required in gateway mode)"), error.getMessage());
    }

    @Test
    void workerNeedsDatabaseButNoToken() {
        GuildflowConfig withoutDatabase = GuildflowConfig.fromEnvironment(Map.of("BOT_MODE", "worker"));
        ConfigException error = assertThrows(ConfigException.class, withoutDatabase::validateForMode);
        assertTrue(error.getMessage().startsWith("DATABASE_URL is not set"), error.getMessage());
        GuildflowConfig withDatabase = GuildflowConfig.fromEnvironment(
                Map.of("BOT_MODE", "worker", "DATABASE_URL", "postgres://u:p@db:5432/bot"));
        assertEquals(BotMode.WORKER, withDatabase.validateForMode().process().mode());
    }

    @Test
    void secretsHideThemselves() {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(Map.of("DISCORD_TOKEN", "abc.def.ghi",
                "NATS_URL", "nats://gw:s3cret@nats:4222", "DATABASE_URL", "postgres://u:pa55@db:5432/bot"));
        String shown = config.toString();
        assertFalse(shown.contains("abc.def.ghi") || shown.contains("s3cret") || shown.contains("pa55"), shown);
        assertEquals("abc.def.ghi", config.requireDiscordToken().reveal());
    }

    /** One line naming the variable, whichever section reads it: the contract every setting keeps. */
    @Test
    void everyMalformedValueNamesItsVariableInOneLine() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("BOT_MODE", "banana"),
                Map.entry("METRICS_ADDRESS", ":http"),
                Map.entry("SHUTDOWN_TIMEOUT", "soon"),
                Map.entry("WORKER_NICE", "20"),
                Map.entry("BOT_VERSION", "latest"),
                Map.entry("LOG_LEVEL", "loud"),
                Map.entry("NATS_URL", "localhost"),
                Map.entry("ENVIRONMENT", "prod.eu"),
                Map.entry("STREAM_REPLICAS", "6"),
                Map.entry("DISCORD_API_URL", "discord"),
                Map.entry("DISCORD_GUILD_ID", "abc"),
                Map.entry("DISCORD_GATEWAY_URL", "http://x"),
                Map.entry("SHARD_COUNT", "0"),
                Map.entry("ACK_DEADLINE", "3s"),
                Map.entry("GUARD_CAPACITY", "0"),
                Map.entry("PUBLISH_ABANDON_AFTER", "20m"),
                Map.entry("DB_POOL_MAX", "-3"),
                Map.entry("WORKER_CONCURRENCY", "0"),
                Map.entry("ACK_WAIT", "soon"),
                Map.entry("MAX_DELIVER", "none"),
                Map.entry("HANDLER_TIMEOUT", "20m"),
                Map.entry("DB_LOCK_TIMEOUT", "1ms"),
                Map.entry("LEDGER_RETENTION", "10m"),
                Map.entry("STREAM_MAX_AGE", "30m"));
        cases.forEach((variable, value) -> {
            ConfigException error = assertThrows(ConfigException.class,
                    () -> GuildflowConfig.fromEnvironment(Map.of(variable, value)), variable);
            assertTrue(error.getMessage().startsWith(variable + "=" + value + " is not valid: expected "),
                    error.getMessage());
            assertFalse(error.getMessage().contains("\n"));
        });
    }
}
