package io.guildflow.app.setup;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.registration.CommandScope;
import io.guildflow.app.registration.CommandSync;
import io.guildflow.common.StartupException;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.config.Secret;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.discord.DiscordError;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.discord.DiscordTransportException;
import io.guildflow.common.discord.governor.RestGovernor;
import io.guildflow.common.nats.ConsumerPolicy;
import io.guildflow.common.nats.ConsumerProvisioner;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.StreamProvisioningException;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.database.PoolSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerConfiguration;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code guildflow setup <guild>}: every step a new guild needs, each printed with its outcome.
 * Each step first looks, then writes only what is missing or different, so a second run changes
 * nothing; a dry run only looks. Expected failures become a {@link SetupFailure} (exit 3 or 4);
 * missing settings a {@link io.guildflow.common.config.ConfigException} (exit 2).
 */
public final class GuildSetup {
    private final GuildflowConfig config;
    private final JsonNode wantedCommands;
    private final PrintWriter out;

    /** @param wantedCommands the body of a bulk overwrite: every command the bot's handlers declare */
    public GuildSetup(GuildflowConfig config, JsonNode wantedCommands, PrintWriter out) {
        this.config = config;
        this.wantedCommands = wantedCommands;
        this.out = out;
    }

    /** @return how many steps changed something (or would, in a dry run) */
    public int run(SetupRequest request) throws InterruptedException {
        Secret token = config.requireDiscordToken();
        DatabaseSettings databaseSettings = config.requireDatabase();
        Topology topology = config.nats().topology();
        StepLog log = new StepLog(out, request.dryRun());
        out.printf("guildflow setup: guild %s, environment %s%s%n", request.guildId(), config.environment(),
                request.dryRun() ? " (dry run: nothing is written)" : "");
        // within the budget the environment's workers share (issue 24), over setup's own NATS connection; a dry run
        // alone, as the shared budget's key-value bucket is something it would create
        try (Connection nats = connectNats();
             RestGovernor governor = request.dryRun() ? config.governor().alone()
                     : config.governor().sharedOver(nats, topology, token.reveal());
             DiscordRestClient rest = new DiscordRestClient(config.discord().apiUrl(), token.reveal(),
                     new SimpleMeterRegistry(), governor)) {
            String guildName = discord(() -> membership(rest, request.guildId()));
            log.unchanged("membership", "the bot is in guild \"" + guildName + "\"");
            String applicationId = config.discord().applicationId()
                    .orElseGet(() -> discord(() -> rest.get("applications/@me").path("id").asText()));
            try (Database database = new Database(databaseSettings, smallPool(), "guildflow-setup")) {
                GuildConfigStep configStep = new GuildConfigStep(database, request);
                configStep.migrate(log);
                provisionNats(nats, topology, request.dryRun(), log);
                commands(new CommandSync(rest, applicationId), request, log);
                GuildResources resources = new GuildResources(rest, request.guildId());
                request.channelName().map(GuildResources::channelName).ifPresent(name -> configStep.put("channel",
                        discord(() -> ensure("channel #" + name, () -> resources.findTextChannel(name),
                                () -> resources.createTextChannel(name), request.dryRun(), log))));
                request.roleName().ifPresent(name -> configStep.put("role",
                        discord(() -> ensure("role @" + name, () -> resources.findRole(name),
                                () -> resources.createRole(name), request.dryRun(), log))));
                if (configStep.write(log)) {
                    publishChange(nats, topology, request.guildId());
                }
            }
        }
        if (request.dryRun()) {
            out.printf("dry run: %d change(s) would be made; nothing was written%n", log.changes());
        } else if (log.changes() == 0) {
            out.printf("guild %s was already set up: nothing changed%n", request.guildId());
        } else {
            out.printf("guild %s is set up: %d change(s) made%n", request.guildId(), log.changes());
        }
        out.flush();
        return log.changes();
    }

    private static String membership(DiscordRestClient rest, String guildId) {
        try {
            return rest.get("guilds/" + guildId).path("name").asText();
        } catch (DiscordApiException e) {
            if (e.error() == DiscordError.MISSING_ACCESS || e.status() == 404) {
                throw new SetupFailure(SetupFailure.NOT_IN_GUILD, "the bot is not a member of guild " + guildId
                        + " (Discord: " + e.status() + " code " + e.code() + " " + e.discordMessage()
                        + "): invite it to the server with the bot and applications.commands scopes, then run setup again");
            }
            throw e;
        }
    }

    private void commands(CommandSync sync, SetupRequest request, StepLog log) {
        CommandScope scope = CommandScope.guild(request.guildId());
        CommandSync.Result result = discord(() -> sync.sync(scope, wantedCommands, request.dryRun()));
        String names = result.names().isEmpty() ? "none" : String.join(", ", result.names());
        if (result.changed()) {
            log.changed("commands", "registered " + result.names().size() + " (" + names + ")",
                    "register " + result.names().size() + " (" + names + ")");
        } else {
            log.unchanged("commands", "up to date (" + names + ")");
        }
    }

    /** Finds the named thing; creates it when absent (not in a dry run). Returns its id ("(new)" in a dry run). */
    private static String ensure(String step, Supplier<Optional<String>> find, Supplier<String> create,
                                 boolean dryRun, StepLog log) {
        Optional<String> existing = find.get();
        if (existing.isPresent()) {
            log.unchanged(step, "present (" + existing.get() + ")");
            return existing.get();
        }
        String id = dryRun ? "(new)" : create.get();
        log.changed(step, "created (" + id + ")", "create it");
        return id;
    }

    private Connection connectNats() {
        try {
            return NatsConnections.connect(config.nats().servers(), "guildflow-setup-" + config.environment());
        } catch (StartupException e) {
            throw new SetupFailure(SetupFailure.DEPENDENCY, e.getMessage());
        }
    }

    private void provisionNats(Connection nats, Topology topology, boolean dryRun, StepLog log) {
        StreamProvisioner streams = new StreamProvisioner(topology, config.nats().events());
        ConsumerProvisioner consumers = new ConsumerProvisioner(topology);
        // The same policy the gateway provisions at start: one owner's rule, whoever gets there first.
        ConsumerPolicy policy = config.worker().consumer().policy();
        String consumerStep = "consumer " + topology.consumerName();
        try {
            boolean streamPresent = streams.streamExists(nats);
            if (streamPresent) {
                log.unchanged("stream " + topology.streamName(), "present");
            } else {
                if (!dryRun) {
                    streams.ensureStreams(nats);
                }
                log.changed("stream " + topology.streamName(), "created", "create it");
            }
            // In a dry run a stream that is not there yet has no consumer either.
            Optional<ConsumerConfiguration> existing = streamPresent || !dryRun
                    ? consumers.existing(nats) : Optional.empty();
            if (existing.isPresent()) {
                // Never overwritten here: the gateway re-provisions it from its own settings at start.
                List<String> differences = policy.differences(existing.get());
                log.unchanged(consumerStep, differences.isEmpty() ? "present"
                        : "present, kept as provisioned (" + String.join(", ", differences) + ")");
            } else {
                if (!dryRun) {
                    consumers.createOrUpdate(nats, policy);
                }
                log.changed(consumerStep, "created", "create it");
            }
        } catch (IOException | JetStreamApiException | StreamProvisioningException e) {
            throw new SetupFailure(SetupFailure.DEPENDENCY, "NATS at " + config.nats().servers().describe()
                    + " refused to provision JetStream: " + e.getMessage());
        }
    }

    private void publishChange(Connection nats, Topology topology, String guildId) {
        nats.publish(topology.configSubject(guildId), new byte[0]);
        try {
            nats.flush(java.time.Duration.ofSeconds(2));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SetupFailure(SetupFailure.DEPENDENCY, "NATS at " + config.nats().servers().describe()
                    + " did not confirm the configuration change notice for guild " + guildId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Setup runs a few statements one after the other: two connections, with the configured waits. */
    private PoolSettings smallPool() {
        PoolSettings configured = config.worker().pool();
        return new PoolSettings(2, configured.idleTimeout(), configured.connectTimeout());
    }

    /** Discord errors are the operator's to read: status, Discord's code and message, and the route. */
    private <T> T discord(Supplier<T> call) {
        try {
            return call.get();
        } catch (DiscordApiException e) {
            throw new SetupFailure(SetupFailure.DEPENDENCY, "Discord refused " + e.method() + " " + e.route()
                    + ": HTTP " + e.status() + ", code " + e.code() + ": " + e.discordMessage());
        } catch (DiscordTransportException e) {
            throw new SetupFailure(SetupFailure.DEPENDENCY, "cannot reach Discord at " + config.discord().apiUrl()
                    + " (DISCORD_API_URL): " + e.failure());
        }
    }
}
