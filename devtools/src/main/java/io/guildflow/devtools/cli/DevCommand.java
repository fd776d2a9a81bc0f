package io.guildflow.devtools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "guildflow-dev",
        mixinStandardHelpOptions = true,
        version = "guildflow-dev 0.1.0",
        description = "Guildflow's development tools: the runtime and the example bot against a local Discord emulator.",
        subcommands = {DemoCommand.class, BenchCommand.class, EmulatorCommand.class, CommandLine.HelpCommand.class})
public final class DevCommand implements Runnable {
    @Override
    public void run() {
        // Never reached: DevMain routes an empty command line to `demo`.
    }
}
