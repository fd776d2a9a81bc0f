package io.guildflow.devtools.demo;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.worker.dispatch.CommandRegistrations;
import io.guildflow.worker.dispatch.HandlerCatalog;

/** The bot the development tools serve (the example bot on this class path), set up in an emulator. */
public final class BotCommands {
    private BotCommands() {
    }

    public static HandlerCatalog discover() {
        return HandlerCatalog.discover(Thread.currentThread().getContextClassLoader());
    }

    /** As if {@code setup} had run: Discord dispatches only registered commands. */
    public static void registerIn(DiscordEmulator emulator, HandlerCatalog catalog) {
        CommandRegistrations.of(catalog).forEach(command -> emulator.registerCommand(null, command));
    }
}
