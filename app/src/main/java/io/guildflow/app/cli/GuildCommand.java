package io.guildflow.app.cli;

import io.guildflow.app.config.GuildIds;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.guilddata.GuildExport;
import io.guildflow.app.guilddata.GuildRestore;
import io.guildflow.common.DependencyException;
import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.telemetry.LogSetup;
import io.guildflow.worker.database.PostgresFailures;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code guild export} and {@code guild restore}: one guild's rows of the runtime's and the bot's tables. */
@Command(name = "guild", mixinStandardHelpOptions = true,
        description = {"One guild's data: every row of the tables with a guild_id column (the runtime's and the bot's),"
                + " in DATABASE_SCHEMA.",
                "Exit codes: 0 done, 2 bad input or settings (also a file of another guild or from a newer schema),"
                        + " 3 PostgreSQL unreachable or refusing."},
        subcommands = {GuildCommand.Export.class, GuildCommand.Restore.class})
final class GuildCommand {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the guild's rows and both migration histories' versions to FILE (JSON Lines;"
                    + " docs/operations.md). Read in one snapshot: workers may keep running.")
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<guild-id>", description = "the guild (server) id, a snowflake")
        String guildId;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the export file, replaced if present")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withDatabase(guildId, "export", (connection, schema) -> {
                GuildExport.Summary summary = new GuildExport(connection, schema, Clock.systemUTC()).export(guildId, out);
                spec.commandLine().getOut().println(summary.describe(out));
            });
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Replace the guild's rows with FILE's, in one transaction; other guilds are not touched.",
                    "Refused (exit 2, nothing changed): a file of another guild, from a newer schema, or cut short."})
    static final class Restore implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<guild-id>", description = "the guild (server) id, a snowflake")
        String guildId;

        @Option(names = "--from", required = true, paramLabel = "FILE", description = "a file written by guild export")
        Path from;

        @Option(names = "--dry-run", description = "print what would change per table; write nothing")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withDatabase(guildId, "restore", (connection, schema) -> {
                spec.commandLine().getOut().printf("guildflow guild restore: guild %s from %s%s%n", guildId, from,
                        dryRun ? " (dry run: nothing is written)" : "");
                GuildRestore.Result result = new GuildRestore(connection, schema).restore(guildId, from, dryRun);
                result.lines().forEach(spec.commandLine().getOut()::println);
            });
        }
    }

    private interface Work {
        void run(Connection connection, String schema) throws SQLException, IOException;
    }

    /** Failures become one line: settings, refusals and an unwritable file exit 2, PostgreSQL's failures exit 3. */
    private static int withDatabase(String guildId, String action, Work work) {
        if (!GuildIds.looksLikeSnowflake(guildId)) {
            throw ConfigException.invalid("<guild-id>", guildId, "a guild id (a snowflake: digits only)");
        }
        GuildflowConfig config = GuildflowConfig.fromEnvironment();
        DatabaseSettings database = config.requireDatabase();
        LogSetup.configureHuman("error"); // the command talks on stdout; the driver's logs would only repeat it
        Connection connection;
        try {
            connection = database.connect((int) config.worker().pool().connectTimeout().toSeconds());
        } catch (SQLException e) {
            throw PostgresFailures.unusable(database.describe(), e);
        }
        try (connection) {
            connection.setSchema(database.schema());
            work.run(connection, database.schema());
            return 0;
        } catch (SQLException e) {
            throw new DependencyException("PostgreSQL at " + database.describe() + " refused the " + action
                    + " of guild " + guildId + " (nothing was changed): " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new ConfigException("cannot write the " + action + " of guild " + guildId + ": " + e);
        }
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
