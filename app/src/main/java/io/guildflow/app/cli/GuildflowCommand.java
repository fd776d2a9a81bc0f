package io.guildflow.app.cli;

import io.guildflow.common.StartupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "guildflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionLines.class,
        description = "Production runtime for large Discord bots: gateway, NATS JetStream, workers, PostgreSQL.",
        subcommands = {RunCommand.class, SetupCommand.class, GuildCommand.class, ReplayCommand.class,
                CommandLine.HelpCommand.class})
public final class GuildflowCommand implements Runnable {

    @Override
    public void run() {
        // Never reached: execute() routes an empty command line to `run`.
    }

    public static int execute(String... args) {
        return commandLine(new GuildflowCommand()).execute(args.length == 0 ? new String[] {"run"} : args);
    }

    /**
     * A command line whose start-up failures are one line on stderr and the exit code README.md documents
     * (also for the dev jar): 2 bad input or settings, 3 a dependency down or refusing.
     */
    public static CommandLine commandLine(Object root) {
        return new CommandLine(root).setExecutionExceptionHandler((error, cmd, parsed) -> {
            if (error instanceof StartupException startup) {
                cmd.getErr().println("guildflow: " + error.getMessage());
                return startup.exitCode();
            }
            throw error;
        });
    }
}
