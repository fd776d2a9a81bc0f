package io.guildflow.app;

import io.guildflow.app.cli.GuildflowCommand;

/** {@code java -jar guildflow.jar [run|setup] …}; with no arguments it runs what BOT_MODE says. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(GuildflowCommand.execute(args));
    }
}
