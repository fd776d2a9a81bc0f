package io.guildflow.app.runtime;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.registration.BotVersion;
import io.guildflow.app.registration.CommandScope;
import io.guildflow.app.registration.CommandSync;
import io.guildflow.app.registration.VersionedRegistration;
import io.guildflow.common.DependencyException;
import io.guildflow.common.discord.DiscordException;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.discord.DiscordSettings;
import io.guildflow.common.discord.governor.RestGovernor;
import io.guildflow.worker.dispatch.CommandRegistrations;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a gateway (or standalone) process registers when it starts: the handlers' commands in
 * DISCORD_GUILD_ID only (development), else globally; in both cases only when Discord holds
 * something else, and never over the commands of a newer bot version (see {@link VersionedRegistration}).
 */
final class StartupCommands {
    private static final Logger log = LoggerFactory.getLogger(StartupCommands.class);
    /** Without BOT_VERSION or a manifest version a bot never replaces a versioned bot's commands. */
    private static final BotVersion UNVERSIONED = BotVersion.parse("version", "0");

    private StartupCommands() {
    }

    /** @param governor the gateway process's REST budget, shared with the environment (issue 24); not closed here */
    static void register(GuildflowConfig config, HandlerCatalog catalog, Connection nats, RestGovernor governor,
                         MeterRegistry meters) {
        BotVersion version = version(config);
        DiscordSettings discord = config.discord();
        CommandScope scope = discord.developmentGuildId().map(CommandScope::guild).orElse(CommandScope.GLOBAL);
        String token = config.requireDiscordToken().reveal();
        // within the budget the environment's workers share: a rollout's registration counts like their posts
        try (DiscordRestClient rest = new DiscordRestClient(discord.apiUrl(), token, meters, governor)) {
            String applicationId = discord.applicationId()
                    .orElseGet(() -> rest.get("applications/@me").path("id").asText());
            VersionedRegistration.Registered outcome = new VersionedRegistration(new CommandSync(rest, applicationId),
                    nats, config.nats().topology(), version).reconcile(scope, CommandRegistrations.of(catalog));
            String which = outcome.registeredVersion().compareTo(version) == 0 ? "this version's"
                    : "newer version " + outcome.registeredVersion() + "'s (this is " + version + ")";
            log.info("commands ({}): {} {} {}", scope.describe(), outcome.changed() ? "registered" : "kept",
                    which, outcome.names());
        } catch (DiscordException e) {
            throw new DependencyException("cannot register the bot's commands (" + scope.describe() + "): "
                    + e.getMessage(), e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // the registration record in NATS key-value could not be read or written
            throw new DependencyException(e.getMessage(), e);
        }
    }

    /** BOT_VERSION, else the Implementation-Version of the jar the process runs from. */
    static BotVersion version(GuildflowConfig config) {
        return BotVersion.configuredOrManifest(config.process().botVersion())
                .orElseGet(() -> {
                    log.warn("no BOT_VERSION and no Implementation-Version in the jar manifest: set BOT_VERSION (e.g."
                            + " 1.4.2) so that a rollout's newer bot replaces the older one's commands; until then this"
                            + " process registers commands only where no versioned bot did");
                    return UNVERSIONED;
                });
    }
}
