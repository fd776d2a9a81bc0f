package io.guildflow.app.cli;

import io.guildflow.common.StartupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "guildflow",
        mixinStandardHelpOptions = true,
        version = "guildflow 0.1.0",
        description = "Production runtime for large Discord bots: gateway, NATS JetStream, workers, PostgreSQL.",
        subcommands = {RunCommand.class, SetupCommand.class, CommandLine.HelpCommand.class})
public final class GuildflowCommand implements Runnable {
    /** Bad configuration or an unreachable dependency at start-up: the code README.md documents for both. */
    public static final int EXIT_BAD_SETUP = 2;

    @Override
    public void run() {
        // Never reached: execute() routes an empty command line to `run`.
    }

    public static int execute(String... args) {
        return commandLine(new GuildflowCommand()).execute(args.length == 0 ? new String[] {"run"} : args);
    }

    /** A command line whose start-up failures are one line on stderr and exit code 2 (also for the dev jar). */
    public static CommandLine commandLine(Object root) {
        return new CommandLine(root).setExecutionExceptionHandler((error, cmd, parsed) -> {
            if (error instanceof StartupException) {
                cmd.getErr().println("guildflow: " + error.getMessage());
                return EXIT_BAD_SETUP;
            }
            throw error;
        });
    }
}
