package io.guildflow.worker.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.DependencyException;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26: two bots with different migrations in one database, on the real PostgreSQL. Each bot's
 * {@code db/bot} comes from a class loader of its own, as each bot is its own jar; {@code DATABASE_SCHEMA} is
 * read as the process reads it.
 */
class BotSchemasIT {
    private static final PoolSettings SMALL = new PoolSettings(2, Duration.ofSeconds(30), Duration.ofSeconds(5));

    @TempDir
    Path jars;

    @Test
    void twoBotsWithSchemasOfTheirOwnRunSideBySideInOneDatabase() throws Exception {
        ClassLoader signupBot = bot("signups", Map.of("V1__signups.sql",
                "CREATE TABLE schema_it_signups (guild_id bigint NOT NULL, member text NOT NULL);",
                "V2__events.sql", "CREATE TABLE schema_it_events (guild_id bigint NOT NULL);"));
        ClassLoader pollBot = bot("polls", Map.of("V1__polls.sql",
                "CREATE TABLE schema_it_polls (guild_id bigint NOT NULL, question text NOT NULL);"));
        try (IsolatedEnvironment first = new IsolatedEnvironment("schema-first");
             IsolatedEnvironment second = new IsolatedEnvironment("schema-second");
             Database signups = new Database(settings(first.schema()), SMALL, "schema-first");
             Database polls = new Database(settings(second.schema()), SMALL, "schema-second")) {
            assertTrue(as(signupBot, signups::migrate) > 2);
            assertTrue(as(pollBot, polls::migrate) > 1);
            assertEquals(0, as(signupBot, signups::migrate), "a restart applies nothing");

            // A handler's unqualified SQL lands in its own bot's schema, and only there.
            execute(signups, "INSERT INTO schema_it_signups VALUES (1, 'ada')");
            execute(polls, "INSERT INTO schema_it_polls VALUES (1, 'lunch?')");
            assertEquals(1, first.count("SELECT count(*) FROM " + first.schema() + ".schema_it_signups"));
            assertEquals(1, second.count("SELECT count(*) FROM " + second.schema() + ".schema_it_polls"));
            assertThrows(SQLException.class, () -> execute(polls, "SELECT 1 FROM schema_it_signups"));
            assertEquals(0, first.count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'schema_it_%'"
                    + " AND schemaname NOT IN ('" + first.schema() + "', '" + second.schema() + "')"));
            for (IsolatedEnvironment bot : new IsolatedEnvironment[] {first, second}) {
                assertEquals(2, bot.count("SELECT count(*) FROM pg_tables WHERE schemaname = '" + bot.schema()
                        + "' AND tablename IN ('flyway_schema_history', 'bot_schema_history')"), bot.schema());
            }
        }
    }

    @Test
    void aSecondBotInTheFirstBotsSchemaIsToldWhichMigrationAndWhy() throws Exception {
        ClassLoader signupBot = bot("signups", Map.of("V1__signups.sql",
                "CREATE TABLE schema_it_signups (guild_id bigint NOT NULL);"));
        ClassLoader pollBot = bot("polls", Map.of("V1__polls.sql",
                "CREATE TABLE schema_it_polls (guild_id bigint NOT NULL);"));
        try (IsolatedEnvironment shared = new IsolatedEnvironment("schema-shared");
             Database signups = new Database(settings(shared.schema()), SMALL, "schema-shared-first");
             Database polls = new Database(settings(shared.schema()), SMALL, "schema-shared-second")) {
            as(signupBot, signups::migrate);
            DependencyException error = assertThrows(DependencyException.class, () -> as(pollBot, polls::migrate));
            assertEquals(3, error.exitCode());
            assertEquals("the bot's migrations do not match the history table " + shared.schema()
                    + ".bot_schema_history: migration V1 (signups): Migration checksum mismatch for migration version 1"
                    + "; likely cause: another bot's migrations were applied in schema " + shared.schema()
                    + ": give each bot its own DATABASE_SCHEMA", error.getMessage());
        }
    }

    private static DatabaseSettings settings(String schema) {
        return DatabaseSettings.from(new EnvironmentValues(Map.of("DATABASE_URL", IsolatedEnvironment.PG_URL,
                "DATABASE_SCHEMA", schema))).orElseThrow();
    }

    /** A bot's jar as far as migrations go: {@code db/bot/*.sql} on a class path of its own. */
    private ClassLoader bot(String name, Map<String, String> migrations) throws IOException {
        Path migrationsDir = Files.createDirectories(jars.resolve(name).resolve(Database.BOT_MIGRATIONS));
        for (Map.Entry<String, String> migration : migrations.entrySet()) {
            Files.writeString(migrationsDir.resolve(migration.getKey()), migration.getValue());
        }
        return new URLClassLoader(new java.net.URL[] {jars.resolve(name).toUri().toURL()},
                BotSchemasIT.class.getClassLoader());
    }

    private static <T> T as(ClassLoader bot, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(bot);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
