package io.guildflow.app.cli;

import io.guildflow.common.config.ConfigException;
import io.guildflow.app.runtime.StartupException;
import io.guildflow.common.nats.NatsUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "guildflow",
        mixinStandardHelpOptions = true,
        version = "guildflow 0.1.0",
        description = "Production runtime for large Discord bots: gateway, NATS JetStream, workers, PostgreSQL.",
        subcommands = {RunCommand.class, SetupCommand.class, DemoCommand.class, BenchCommand.class,
                EmulatorCommand.class, CommandLine.HelpCommand.class})
public final class GuildflowCommand implements Runnable {
    /** Bad configuration or an unreachable dependency at start-up: design.md fixes this code. */
    public static final int EXIT_BAD_SETUP = 2;

    @Override
    public void run() {
        // Never reached: execute() routes an empty command line to `run`.
    }

    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new GuildflowCommand())
                .setExecutionExceptionHandler((error, cmd, parsed) -> {
                    if (error instanceof ConfigException || error instanceof NatsUnavailableException
                            || error instanceof StartupException) {
                        cmd.getErr().println("guildflow: " + error.getMessage());
                        return EXIT_BAD_SETUP;
                    }
                    throw error;
                });
        return commandLine.execute(args.length == 0 ? new String[] {"run"} : args);
    }
}
