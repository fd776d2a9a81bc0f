package io.guildflow.devtools.cli;

import io.guildflow.common.telemetry.LogSetup;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** What every development command shares: readable logs (LOG_LEVEL, default warn), its output, the worker count. */
final class Console {
    @Option(names = "--workers", defaultValue = "2", description = "worker processes (default ${DEFAULT-VALUE})")
    int workers;

    static PrintWriter open(CommandSpec spec) {
        configureLogs();
        return spec.commandLine().getOut();
    }

    static void configureLogs() {
        LogSetup.configureHuman(System.getenv().getOrDefault("LOG_LEVEL", "warn"));
    }
}
