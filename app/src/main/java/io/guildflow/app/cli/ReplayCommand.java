package io.guildflow.app.cli;

import io.guildflow.app.config.GuildIds;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.replay.Replay;
import io.guildflow.common.config.ConfigException;
import io.guildflow.common.telemetry.LogSetup;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-apply the events JetStream kept since TIME to a database restored from a backup taken"
                + " then, without calling Discord.",
                "Interactions, lifecycle and gateway events run through the bot's handlers as a worker runs them;"
                        + " effects and ledger rows are written, answers and channel messages recorded as delivered."
                        + " Events already in the database change nothing, so a second run changes nothing.",
                "Stop every worker first (docs/operations.md, \"Replay after a restore\"). Progress goes to stderr.",
                "Exit codes: 0 done, 2 bad input or settings, 3 PostgreSQL or NATS unreachable or refusing."})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--since", required = true, paramLabel = "TIME",
            description = "when the backup was taken, ISO-8601 with an offset, e.g. 2026-12-07T03:00:00Z")
    String since;

    @Option(names = "--guild", paramLabel = "ID", description = "only this guild's events (a snowflake)")
    String guild;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Instant from = parseTime(since);
        if (guild != null && !GuildIds.looksLikeSnowflake(guild)) {
            throw ConfigException.invalid("--guild", guild, "a guild id (a snowflake: digits only)");
        }
        GuildflowConfig config = GuildflowConfig.fromEnvironment();
        config.requireDatabase();
        LogSetup.configureHuman("error"); // progress and the summary are the operator's lines
        HandlerCatalog catalog = HandlerCatalog.discover(Thread.currentThread().getContextClassLoader());
        Replay.Totals totals = new Replay(config, catalog, spec.commandLine().getErr())
                .run(from, Optional.ofNullable(guild));
        spec.commandLine().getOut().println("guildflow replay since " + from + (guild == null ? "" : " (guild " + guild
                + ")") + ": " + totals.describe());
        return 0;
    }

    static Instant parseTime(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ConfigException.invalid("--since", value, "a time with its offset, e.g. 2026-12-07T03:00:00Z");
        }
    }
}
