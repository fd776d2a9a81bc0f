package io.guildflow.worker.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import io.guildflow.common.DependencyException;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.RecordingResponder;
import io.guildflow.worker.TestEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.TransactionLimits;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26: two bots with different migrations in one database, on the real PostgreSQL and NATS. Each bot's
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
                "CREATE TABLE schema_it_signups (guild_id text NOT NULL, member text NOT NULL);",
                "V2__events.sql", "CREATE TABLE schema_it_events (guild_id text NOT NULL);"));
        ClassLoader pollBot = bot("polls", Map.of("V1__polls.sql",
                "CREATE TABLE schema_it_polls (guild_id text NOT NULL, question text NOT NULL);"));
        try (TestEnvironment first = new TestEnvironment(); TestEnvironment second = new TestEnvironment();
             Database signups = new Database(settings(first.schema()), SMALL, "schema-first");
             Database polls = new Database(settings(second.schema()), SMALL, "schema-second")) {
            RecordingResponder firstDiscord = new RecordingResponder("first");
            RecordingResponder secondDiscord = new RecordingResponder("second");
            // Worker.start() migrates: the runtime's tables and the bot's own, each bot in its own schema.
            as(signupBot, () -> first.worker("first", first.connect("first"), signups,
                    HandlerCatalog.of(new Insert("signup", "INSERT INTO schema_it_signups VALUES (?, 'ada')")),
                    firstDiscord, TestEnvironment.fastSettings(), TransactionLimits.DEFAULT));
            as(pollBot, () -> second.worker("second", second.connect("second"), polls,
                    HandlerCatalog.of(new Insert("poll", "INSERT INTO schema_it_polls VALUES (?, 'lunch?')")),
                    secondDiscord, TestEnvironment.fastSettings(), TransactionLimits.DEFAULT));

            InteractionEnvelope signup = TestEnvironment.command("signup");
            InteractionEnvelope poll = TestEnvironment.command("poll");
            first.publish(signup, signup.interactionId());
            second.publish(poll, poll.interactionId());
            TestEnvironment.await("the first bot answered", () -> firstDiscord.sent().size() == 1);
            TestEnvironment.await("the second bot answered", () -> secondDiscord.sent().size() == 1);

            // Each handler's unqualified SQL landed in its own bot's schema, and nowhere else.
            assertEquals(1, first.count("SELECT count(*) FROM " + first.schema() + ".schema_it_signups"));
            assertEquals(1, second.count("SELECT count(*) FROM " + second.schema() + ".schema_it_polls"));
            assertEquals(0, first.count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'schema_it_%'"
                    + " AND schemaname NOT IN ('" + first.schema() + "', '" + second.schema() + "')"));
            assertEquals(0, second.count("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_it_signups'"
                    + " AND schemaname = '" + second.schema() + "'"));
            for (TestEnvironment bot : new TestEnvironment[] {first, second}) {
                assertEquals(2, bot.count("SELECT count(*) FROM pg_tables WHERE schemaname = '" + bot.schema()
                        + "' AND tablename IN ('flyway_schema_history', 'bot_schema_history')"), bot.schema());
            }
            assertEquals(0, as(signupBot, signups::migrate), "a restart applies nothing");
        }
    }

    /** A bot's command that writes one row with unqualified SQL, as a handler does. */
    private record Insert(String name, String sql) implements SlashCommand {
        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of(name, "writes a row");
        }

        @Override
        public Response handle(CommandContext context) throws SQLException {
            try (PreparedStatement insert = context.sql().prepareStatement(sql)) {
                insert.setString(1, context.guildId().orElseThrow());
                insert.executeUpdate();
            }
            return Response.reply("done");
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
}
