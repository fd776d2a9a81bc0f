package io.guildflow.app.cli;

import io.guildflow.app.runtime.CommandRegistrar;
import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.GuildflowConfig;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.discord.DiscordError;
import io.guildflow.common.telemetry.LogSetup;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Prepare a guild: register the bot's slash commands there (replaces the guild's command list).")
final class SetupCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<guild>",
            description = "the guild (server) id; DISCORD_GUILD_ID when omitted")
    String guildId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GuildflowConfig config = GuildflowConfig.fromEnvironment();
        if (guildId == null) {
            guildId = config.developmentGuildId().orElseThrow(() -> ConfigException.missing("DISCORD_GUILD_ID",
                    "a guild id, or pass the guild to setup (guildflow setup <guild>)"));
        }
        if (!guildId.matches("\\d{1,20}")) {
            throw ConfigException.invalid("<guild>", guildId, "a Discord guild id (digits only)");
        }
        LogSetup.configureHuman("warn");
        HandlerCatalog catalog = HandlerCatalog.discover(Thread.currentThread().getContextClassLoader());
        try {
            List<String> names = CommandRegistrar.register(config, catalog, guildId, new SimpleMeterRegistry());
            spec.commandLine().getOut().printf("guild %s is set up: %d commands registered (%s)%n",
                    guildId, names.size(), String.join(", ", names));
            return 0;
        } catch (DiscordApiException e) {
            String hint = e.error() == DiscordError.MISSING_ACCESS ? " (is the bot a member of guild " + guildId + "?)" : "";
            spec.commandLine().getErr().printf("guildflow setup: Discord refused (%d, code %d): %s%s%n",
                    e.status(), e.code(), e.discordMessage(), hint);
            return 1;
        }
    }
}
