package io.guildflow.app.runtime;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.health.CheckResult;
import io.guildflow.app.health.Readiness;
import io.guildflow.common.DependencyException;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.nats.ConsumerProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.Telemetry;
import io.guildflow.gateway.Gateway;
import io.guildflow.gateway.guard.StandInPolicy;
import io.guildflow.gateway.shard.DiscordLoginException;
import io.guildflow.gateway.shard.ShardStatus;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.Locale;

/** The gateway role with its own NATS connection, and the checks that make it ready. */
final class GatewayRole implements AutoCloseable {
    private final Connection nats;
    private final Gateway gateway;

    private GatewayRole(Connection nats, Gateway gateway) {
        this.nats = nats;
        this.gateway = gateway;
    }

    static GatewayRole start(GuildflowConfig config, HandlerCatalog catalog, Telemetry telemetry, Clock clock) {
        Topology topology = config.nats().topology();
        Connection nats = NatsConnections.connect(config.nats().servers(), "guildflow-gateway-" + config.environment());
        try {
            NatsConnections.meter(nats, "gateway", telemetry.registry());
            Gateway gateway = Gateway.start(config.gateway(), config.discord(), config.process().shutdownTimeout(),
                    new StandInPolicy(catalog.commandAcknowledgements(), catalog.componentAcknowledgements(),
                            catalog.modalAcknowledgements()),
                    nats, topology, telemetry.registry(), telemetry.nats(), clock);
            // The gateway owns the shared consumer's configuration; workers only check it.
            new ConsumerProvisioner(topology).createOrUpdate(nats, config.worker().consumer().policy());
            return new GatewayRole(nats, gateway);
        } catch (DiscordLoginException e) {
            Resources.closeQuietly(nats);
            // Discord refused the token or could not be reached: the other side says no, exit 3
            throw new DependencyException(e.getMessage(), e);
        } catch (RuntimeException e) {
            Resources.closeQuietly(nats);
            throw e;
        }
    }

    /** The role's connection, also for the command registration record. */
    Connection nats() {
        return nats;
    }

    void addChecks(Readiness readiness) {
        readiness.add("shards", () -> {
            ShardStatus shards = gateway.shards();
            return shards.allConnected() ? CheckResult.ok(shards.describe()) : CheckResult.failing(shards.describe());
        });
        readiness.add("gateway_nats", () -> gateway.natsConnected()
                ? CheckResult.ok("connected") : CheckResult.failing(nats.getStatus().name().toLowerCase(Locale.ROOT)));
        readiness.add("stream", () -> gateway.streamPresent()
                ? CheckResult.ok("present") : CheckResult.failing("missing"));
    }

    @Override
    public void close() {
        Resources.closeQuietly(gateway);
        Resources.closeQuietly(nats);
    }
}
