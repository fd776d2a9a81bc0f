package io.guildflow.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.e2e.SetupHandlers;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Joining and leaving a guild end to end: the emulator sends GUILD_CREATE / GUILD_DELETE to the real
 * JDA gateway, which forwards lifecycle events through JetStream to the worker's guild_config.
 */
class GuildLifecycleIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aGuildTheBotJoinsGetsADefaultRowAndOneItLeavesIsMarkedInactiveWithItsSettingsKept() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("lifecycle");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start()) {
            Map<String, String> env = new HashMap<>(environment.settings());
            env.putAll(EmulatorSettings.of(emulator));
            env.put("BOT_MODE", "standalone");
            env.put("METRICS_ADDRESS", "127.0.0.1:0");
            GuildflowConfig config = GuildflowConfig.fromEnvironment(env).validateForMode();
            try (GuildflowProcess process = GuildflowProcess.start(config, Clock.systemUTC(),
                    HandlerCatalog.of(new SetupHandlers.Greet()), "lifecycle-it")) {
                process.awaitReady(PATIENCE);
                String table = environment.schema() + ".guild_config";

                EmulatedGuild joined = emulator.joinGuild("Joined later");
                String guild = joined.id();
                await("a default row for the joined guild", () -> count(environment, "SELECT count(*) FROM " + table
                        + " WHERE guild_id = '" + guild + "' AND active AND settings = '{}'::jsonb") == 1);
                assertEquals(1, environment.count("WITH changed AS (UPDATE " + table + " SET settings = '{\"greeting\":\"hej\"}'"
                        + " WHERE guild_id = '" + guild + "' RETURNING 1) SELECT count(*) FROM changed"));

                emulator.leaveGuild(joined);
                await("the left guild's row inactive, settings kept", () -> count(environment, "SELECT count(*) FROM "
                        + table + " WHERE guild_id = '" + guild + "' AND NOT active AND left_at IS NOT NULL"
                        + " AND settings->>'greeting' = 'hej'") == 1);
                assertEquals(1, count(environment, "SELECT count(*) FROM " + table + " WHERE guild_id = '" + guild + "'"));
            }
        }
    }

    private static long count(IsolatedEnvironment environment, String sql) {
        try {
            return environment.count(sql);
        } catch (SQLException e) {
            return -1; // the table appears with the worker's migrations
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(100);
        }
    }
}
