package io.guildflow.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.discord.DiscordSettings;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.NatsTracing;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.discord.governor.Priority;
import io.guildflow.common.discord.governor.RestGovernor;
import io.guildflow.gateway.events.EventForwarder;
import io.guildflow.gateway.events.EventPath;
import io.guildflow.gateway.events.EventPublisher;
import io.guildflow.gateway.events.IntentRefusals;
import io.guildflow.gateway.guard.AckGuard;
import io.guildflow.gateway.guard.AckedSignals;
import io.guildflow.gateway.guard.DiscordCalls;
import io.guildflow.gateway.guard.StandInPolicy;
import io.guildflow.gateway.ingress.EnvelopePublisher;
import io.guildflow.gateway.ingress.IngressWarmup;
import io.guildflow.gateway.lifecycle.GuildLifecycleListener;
import io.guildflow.gateway.lifecycle.LifecyclePublisher;
import io.guildflow.gateway.ingress.InteractionIngress;
import io.guildflow.gateway.shard.DiscordSessions;
import io.guildflow.gateway.shard.IdentifyBudget;
import io.guildflow.gateway.shard.IdentifyLeases;
import io.guildflow.gateway.shard.ShardMetrics;
import io.guildflow.gateway.shard.ShardStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.opentelemetry.api.OpenTelemetry;
import io.nats.client.JetStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway role: holds the Discord connection and forwards every interaction to JetStream, and the gateway
 * events the handlers want to the event stream (package {@code events}). The streams are provisioned before the
 * first shard connects, so nothing arrives with nowhere to go.
 */
public final class Gateway implements AutoCloseable {
    /** A guard acknowledgement that must wait longer than this for a rate limit would arrive too late anyway. */
    private static final Duration GUARD_MAX_RATE_LIMIT_WAIT = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final Duration shutdownTimeout;
    private final Connection nats;
    private final EnvelopePublisher publisher;
    private final DiscordRestClient rest;
    private final DiscordRestClient guardRest;
    private final AckGuard guard;
    private final AckedSignals ackedSignals;
    private final LifecyclePublisher lifecycle;
    private final IdentifyBudget identifyBudget;
    private final EventPublisher events;
    private DiscordSessions sessions;

    private Gateway(Duration shutdownTimeout, Connection nats, EnvelopePublisher publisher,
                    DiscordRestClient rest, DiscordRestClient guardRest, AckGuard guard, AckedSignals ackedSignals,
                    LifecyclePublisher lifecycle, IdentifyBudget identifyBudget, EventPublisher events) {
        this.events = events;
        this.guardRest = guardRest;
        this.lifecycle = lifecycle;
        this.identifyBudget = identifyBudget;
        this.shutdownTimeout = shutdownTimeout;
        this.nats = nats;
        this.publisher = publisher;
        this.rest = rest;
        this.guard = guard;
        this.ackedSignals = ackedSignals;
    }

    /**
     * @param discord         the bot's token and Discord's REST base; the token is required here
     * @param shutdownTimeout how long {@link #close()} may take ({@code SHUTDOWN_TIMEOUT})
     * @param standIns        the handlers' acknowledgement declarations, for the guard's stand-ins
     * @param eventPath       the gateway events the handlers want, and where they go
     * @param governor        the bot's REST budget, shared with the environment's other processes; the caller
     *                        owns it and closes it after this gateway
     */
    public static Gateway start(GatewaySettings settings, DiscordSettings discord, Duration shutdownTimeout,
                                StandInPolicy standIns, Connection nats, Topology topology, MeterRegistry registry,
                                NatsTracing tracing, Clock clock, EventPath eventPath, RestGovernor governor) {
        String token = discord.requireToken("gateway mode").reveal();
        // Before anything is opened: a privileged intent the operator did not enable is a setting to fix (exit 2).
        var intents = eventPath.subscription().gatewayIntents(settings.events());
        StreamProvisioner streams = new StreamProvisioner(topology, eventPath.stream());
        streams.ensureStreams(nats);
        // Both clients spend the environment's budget (issue 24): the bot routes count against the global limit, and
        // an invalid answer (401, 403, 429) counts toward the cluster's breaker like a worker's would.
        DiscordRestClient rest = new DiscordRestClient(discord.apiUrl(), token, registry, governor);
        // The guard's calls have connections of their own, one per sender: an acknowledgement never
        // waits for another call or for a new connection in a burst. Its callbacks and webhook calls are always
        // Priority.INTERACTION (exempt from the global limit, never shed, route buckets per interaction); SETUP is
        // for its one bot route, the warm-up's GET gateway.
        DiscordRestClient guardRest = new DiscordRestClient(discord.apiUrl(), token, registry,
                GUARD_MAX_RATE_LIMIT_WAIT, OpenTelemetry.noop().getTracer("io.guildflow"), settings.guard().senders(),
                governor, Priority.SETUP);
        // Tells this gateway's words from other gateways' on the same shards (AckedSignals, ShardPeers).
        String self = java.util.UUID.randomUUID().toString();
        AckGuard guard = new AckGuard(settings.guard(), standIns, clock, DiscordCalls.over(guardRest),
                AckedSignals.teller(nats, topology, self), registry);
        EnvelopePublisher publisher;
        EventPublisher events;
        try {
            publisher = new EnvelopePublisher(nats, topology, new EnvelopeCodec(), tracing, registry,
                    settings.publishing(), clock, guard::tellUnavailable);
            events = new EventPublisher(eventPath.nats(), topology, eventPath.stream().partitions(),
                    settings.events(), registry);
        } catch (IOException e) {
            guard.close();
            guardRest.close();
            rest.close();
            throw new IllegalStateException("JetStream is not available on this NATS connection", e);
        }
        ShardMetrics shardMetrics = new ShardMetrics(registry, clock);
        IdentifyBudget identifyBudget = new IdentifyBudget(rest, shardMetrics);
        Gateway gateway = new Gateway(shutdownTimeout, nats, publisher, rest, guardRest, guard,
                AckedSignals.subscribe(nats, topology, guard, self,
                        settings.shards().shardCount().stream().mapToObj(Integer::toString).findFirst()
                                .orElse("recommended") + " " + settings.shards().shardIds().describe()),
                new LifecyclePublisher(jetStream(nats), topology, new ObjectMapper(), registry), identifyBudget, events);
        InteractionIngress ingress = new InteractionIngress(new ObjectMapper(), clock, envelope -> {
            guard.watch(envelope); // before publishing, so a fast worker's signal always finds the watch
            publisher.publish(envelope).thenAccept(ack -> guard.published(envelope.interactionId(), ack.isDuplicate()));
        }, registry);
        GuildLifecycleListener lifecycle = new GuildLifecycleListener(new ObjectMapper(), clock,
                gateway.lifecycle::publish);
        warmUp(topology, clock, identifyBudget, guard);
        try {
            IdentifyLeases leases = IdentifyLeases.open(nats, topology, java.util.Objects.requireNonNullElse(
                    nats.getOptions().getConnectionName(), "gateway-" + ProcessHandle.current().pid()));
            gateway.sessions = DiscordSessions.start(discord, settings.shards(), leases, intents, ingress, lifecycle,
                    shardMetrics, identifyBudget, new EventForwarder(eventPath.subscription(), events, clock),
                    new IntentRefusals(eventPath.subscription().intents(), eventPath.onRefused()));
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /**
     * Before the first shard connects (so before {@code /ready}): compile the ingress path and open
     * the guard's connection to Discord, so the first interactions after a deploy are not the slow ones.
     * The guard's warm-up goes first: a process turning active may send one globally limited request at
     * once and the next only after its ramp (up to 1.1 s), longer than the guard's client may wait, while
     * the IDENTIFY budget's client waits its 2 s.
     */
    private static void warmUp(Topology topology, Clock clock, IdentifyBudget identifyBudget, AckGuard guard) {
        IngressWarmup.run(topology, clock);
        guard.warmUp();
        identifyBudget.refresh();
    }

    public ShardStatus shards() {
        return sessions.status();
    }

    public boolean natsConnected() {
        return nats.getStatus() == Connection.Status.CONNECTED;
    }

    /**
     * Hands over without losing what was received, within {@code SHUTDOWN_TIMEOUT}: stop reading
     * (the Discord sessions close, so Discord sends to the other gateway of a rollout), publish
     * what was received, keep guarding it until a worker answered or the guard acknowledged it,
     * then let go of NATS and Discord REST.
     */
    @Override
    public void close() {
        long end = System.nanoTime() + shutdownTimeout.toNanos();
        try {
            if (sessions != null) {
                sessions.close(remaining(end));
            }
            if (!publisher.awaitFlushed(remaining(end))) {
                log.warn("{} interactions not yet published at shutdown; a gateway still running publishes its copy",
                        publisher.backlog());
            }
            if (!events.awaitFlushed(remaining(end))) {
                log.error("{} gateway events not yet stored at shutdown (SHUTDOWN_TIMEOUT) are lost unless another"
                        + " gateway holds their shard", events.backlog());
            }
            if (!guard.awaitIdle(remaining(end))) {
                log.warn("{} interactions still guarded at shutdown", guard.watched());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            identifyBudget.close();
            ackedSignals.close();
            lifecycle.close();
            guard.close();
            publisher.close();
            events.close();
            guardRest.close();
            rest.close();
        }
    }

    private static JetStream jetStream(Connection nats) {
        try {
            return nats.jetStream();
        } catch (IOException e) {
            throw new IllegalStateException("JetStream is not available on this NATS connection", e);
        }
    }

    private static Duration remaining(long endNanos) {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }
}
