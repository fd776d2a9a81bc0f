package io.guildflow.app.cli;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.setup.GuildSetup;
import io.guildflow.app.setup.SetupFailure;
import io.guildflow.app.setup.SetupRequest;
import io.guildflow.common.config.ConfigException;
import io.guildflow.common.telemetry.LogSetup;
import io.guildflow.worker.dispatch.CommandRegistrations;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Prepare a guild the bot was invited to: check membership, apply the database migrations,"
                + " provision the stream and consumer, create or update the guild's configuration row, register"
                + " the bot's commands there (only when they differ), and create the bot's channel and role when asked.",
                "Each step prints its outcome; a second run changes nothing.",
                "Exit codes: 0 done, 2 bad input or settings, 3 Discord, PostgreSQL or NATS unreachable or refusing,"
                        + " 4 the bot is not in the guild."})
final class SetupCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<guild-id>",
            description = "the guild (server) id, a snowflake; default: DISCORD_GUILD_ID")
    String guildId;

    @Option(names = "--dry-run", description = "print what would be done; write nothing to Discord or the database")
    boolean dryRun;

    @Option(names = "--channel", paramLabel = "NAME", description = "the bot's text channel, created when absent")
    String channel;

    @Option(names = "--role", paramLabel = "NAME", description = "the bot's role, created when absent")
    String role;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        GuildflowConfig config = GuildflowConfig.fromEnvironment();
        String guild = guildId != null ? guildId : config.discord().developmentGuildId().orElseThrow(() -> ConfigException.missing(
                "DISCORD_GUILD_ID", "a guild id, or pass the guild to setup (guildflow setup <guild-id>)"));
        SetupRequest request = new SetupRequest(guild, dryRun, Optional.ofNullable(channel), Optional.ofNullable(role));
        // Setup talks to the operator on stdout; library logs would only repeat its lines.
        LogSetup.configureHuman("error");
        HandlerCatalog catalog = HandlerCatalog.discover(Thread.currentThread().getContextClassLoader());
        try {
            new GuildSetup(config, CommandRegistrations.of(catalog), spec.commandLine().getOut()).run(request);
            return 0;
        } catch (SetupFailure e) {
            spec.commandLine().getErr().println("guildflow setup: " + e.getMessage());
            return e.exitCode();
        }
    }
}
