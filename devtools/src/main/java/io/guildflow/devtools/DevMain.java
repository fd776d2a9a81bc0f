package io.guildflow.devtools;

import io.guildflow.app.cli.GuildflowCommand;
import io.guildflow.devtools.cli.DevCommand;

/** {@code java -jar guildflow-dev.jar [demo|bench|emulator] …}; with no arguments it runs the demo. */
public final class DevMain {
    private DevMain() {
    }

    public static void main(String[] args) {
        System.exit(GuildflowCommand.commandLine(new DevCommand()).execute(args.length == 0 ? new String[] {"demo"} : args));
    }
}
