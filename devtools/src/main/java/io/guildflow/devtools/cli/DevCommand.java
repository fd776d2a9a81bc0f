package io.guildflow.devtools.cli;

import io.guildflow.app.cli.VersionLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "guildflow-dev",
        mixinStandardHelpOptions = true,
        versionProvider = DevCommand.Version.class,
        description = "Guildflow's development tools: the runtime and the example bot against a local Discord emulator.",
        subcommands = {DemoCommand.class, BenchCommand.class, EmulatorCommand.class, CommandLine.HelpCommand.class})
public final class DevCommand implements Runnable {
    /** The development jar is built with the runtime it runs: one version for both. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"guildflow-dev " + VersionLines.runtime()};
        }
    }

    @Override
    public void run() {
        // Never reached: DevMain routes an empty command line to `demo`.
    }
}
