package io.guildflow.devtools.demo;

import io.guildflow.api.event.Intent;
import io.guildflow.app.runtime.EventSubscription;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DiscordEmulatorBuilder;
import io.guildflow.worker.dispatch.CommandRegistrations;
import io.guildflow.worker.dispatch.HandlerCatalog;

/** The bot the development tools serve (the example bot on this class path), set up in an emulator. */
public final class BotCommands {
    private BotCommands() {
    }

    public static HandlerCatalog discover() {
        return HandlerCatalog.discover(Thread.currentThread().getContextClassLoader());
    }

    /**
     * An emulator standing for this bot's application: its Developer Portal allows the privileged intents the bot's
     * event handlers need (the example's welcome needs GUILD_MEMBERS), as the bot's owner must set it on Discord.
     * Without that the gateway's IDENTIFY would be refused with 4014. {@code EmulatorSettings.of} then passes them on
     * as {@code DISCORD_PRIVILEGED_INTENTS}.
     */
    public static DiscordEmulatorBuilder emulator() {
        long privileged = 0;
        for (Intent intent : EventSubscription.discover(Thread.currentThread().getContextClassLoader()).intents()) {
            privileged |= intent.privileged() ? intent.mask() : 0;
        }
        return DiscordEmulator.builder().privilegedIntents(privileged);
    }

    /** As if {@code setup} had run: Discord dispatches only registered commands. */
    public static void registerIn(DiscordEmulator emulator, HandlerCatalog catalog) {
        CommandRegistrations.of(catalog).forEach(command -> emulator.registerCommand(null, command));
    }
}
