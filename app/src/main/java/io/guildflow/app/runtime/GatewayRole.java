package io.guildflow.app.runtime;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.health.CheckResult;
import io.guildflow.app.health.Readiness;
import io.guildflow.api.event.Intent;
import io.guildflow.common.DependencyException;
import io.guildflow.common.StartupException;
import io.guildflow.common.discord.governor.RestGovernor;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.nats.ConsumerProvisioner;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.nats.TopologyWatch;
import io.guildflow.common.telemetry.Telemetry;
import io.guildflow.gateway.Gateway;
import io.guildflow.gateway.events.EventPath;
import io.guildflow.gateway.events.ForwardedEvents;
import io.guildflow.gateway.guard.StandInPolicy;
import io.guildflow.gateway.shard.DiscordLoginException;
import io.guildflow.gateway.shard.IdentifyLeases;
import io.guildflow.gateway.shard.ShardStatus;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The gateway role with its own NATS connection, and the checks that make it ready. */
final class GatewayRole implements AutoCloseable {
    private final Connection nats;
    private final Connection eventNats;
    private final RestGovernor governor;
    private final Gateway gateway;
    private final TopologyWatch topologyWatch;

    private GatewayRole(Connection nats, Connection eventNats, RestGovernor governor, Gateway gateway,
                        TopologyWatch topologyWatch) {
        this.nats = nats;
        this.eventNats = eventNats;
        this.governor = governor;
        this.gateway = gateway;
        this.topologyWatch = topologyWatch;
    }

    /**
     * @param subscription what the bot's event handlers need: the dispatch types forwarded and the intents asked for
     * @param onRefused    told when Discord refuses the intents after start-up (close 4013/4014): stop, exit 2
     */
    static GatewayRole start(GuildflowConfig config, HandlerCatalog catalog, EventSubscription subscription,
                             Telemetry telemetry, Clock clock, Consumer<StartupException> onRefused) {
        // Before anything connects: a handler needing a privileged intent the operator did not allow is one line, exit 2.
        subscription.requireAllowed(config.gateway().events().privilegedIntents().stream()
                .map(Intent::valueOf).collect(Collectors.toSet()));
        ForwardedEvents forwarded = new ForwardedEvents(subscription.dispatchTypes(),
                subscription.intents().stream().map(Intent::name).collect(Collectors.toSet()));
        Topology topology = config.nats().topology();
        Connection nats = NatsConnections.connect(config.nats().servers(), "guildflow-gateway-" + config.environment());
        Connection eventNats = null;
        RestGovernor governor = null;
        try {
            // One budget for the whole gateway process (issue 24): its REST calls, the guard's acknowledgements and the
            // command registration. A standalone process keeps the worker role's governor apart, each on its role's
            // connection and closed before it, so neither role outlives the other's budget; the price is one more
            // process in the presence, idle after start-up (1 request/s of the global limit).
            governor = config.governor().sharedOver(nats, topology, config.requireDiscordToken().reveal());
            if (!config.process().mode().runsWorker()) {
                // the worker's meters, when there is one, were registered first under the same names: they stay
                governor.bindMetrics(telemetry.registry());
            }
            // Events have a connection of their own: a flood of them never queues in front of an interaction.
            eventNats = NatsConnections.connect(config.nats().servers(),
                    "guildflow-gateway-events-" + config.environment());
            NatsConnections.meter(nats, "gateway", telemetry.registry());
            EventPath events = new EventPath(forwarded, config.nats().events(), eventNats, onRefused);
            Gateway gateway = Gateway.start(config.gateway(), config.discord(), config.process().shutdownTimeout(),
                    new StandInPolicy(catalog.commandAcknowledgements(), catalog.componentAcknowledgements(),
                            catalog.modalAcknowledgements()),
                    nats, topology, telemetry.registry(), telemetry.nats(), clock, events, governor);
            // The gateway owns the shared consumer's configuration; workers only check it.
            ConsumerProvisioner consumer = new ConsumerProvisioner(topology);
            consumer.createOrUpdate(nats, config.worker().consumer().policy());
            // What it owns stays in place while it runs: a stream or the consumer gone is recreated, as at start.
            TopologyWatch watch = new TopologyWatch(nats, List.of(
                    new StreamProvisioner(topology, config.nats().events()).watched(nats),
                    consumer.watched(nats, config.worker().consumer().policy()),
                    IdentifyLeases.watched(nats, topology)), "gateway").start();
            return new GatewayRole(nats, eventNats, governor, gateway, watch);
        } catch (DiscordLoginException e) {
            Resources.closeQuietly(governor);
            Resources.closeQuietly(nats);
            Resources.closeQuietly(eventNats);
            // Discord refused the token or could not be reached: the other side says no, exit 3
            throw new DependencyException(e.getMessage(), e);
        } catch (RuntimeException e) {
            Resources.closeQuietly(governor);
            Resources.closeQuietly(nats);
            Resources.closeQuietly(eventNats);
            throw e;
        }
    }

    /** The role's connection, also for the command registration record. */
    Connection nats() {
        return nats;
    }

    /** The process's REST budget, also for the command registration. */
    RestGovernor governor() {
        return governor;
    }

    void addChecks(Readiness readiness) {
        readiness.add("shards", () -> {
            ShardStatus shards = gateway.shards();
            return shards.allConnected() ? CheckResult.ok(shards.describe()) : CheckResult.failing(shards.describe());
        });
        readiness.add("gateway_nats", () -> gateway.natsConnected()
                ? CheckResult.ok("connected") : CheckResult.failing(nats.getStatus().name().toLowerCase(Locale.ROOT)));
        // the streams and the shared consumer, as the watch last found them: "present", or what is missing and why
        readiness.add("stream", () -> {
            TopologyWatch.State state = topologyWatch.state();
            return state.ok() ? CheckResult.ok(state.detail()) : CheckResult.failing(state.detail());
        });
    }

    @Override
    public void close() {
        Resources.closeQuietly(topologyWatch);
        Resources.closeQuietly(gateway);
        Resources.closeQuietly(governor);
        Resources.closeQuietly(nats);
        Resources.closeQuietly(eventNats);
    }
}
