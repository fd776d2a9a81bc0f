package io.guildflow.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.config.Secret;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.NatsTracing;
import io.guildflow.gateway.ingress.EnvelopePublisher;
import io.guildflow.gateway.ingress.InteractionIngress;
import io.guildflow.gateway.shard.DiscordSessions;
import io.guildflow.gateway.shard.ShardStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The gateway role: holds the Discord connection and forwards every interaction to JetStream.
 * The stream is provisioned before the first shard connects, so no interaction arrives with
 * nowhere to go.
 */
public final class Gateway implements AutoCloseable {
    /** What the gateway needs of the configuration. */
    public record Settings(Secret token, URI apiUrl, Optional<URI> gatewayUrl, OptionalInt shardCount) {
    }

    private final Connection nats;
    private final StreamProvisioner streams;
    private final EnvelopePublisher publisher;
    private final DiscordSessions sessions;

    private Gateway(Connection nats, StreamProvisioner streams, EnvelopePublisher publisher,
                    DiscordSessions sessions) {
        this.nats = nats;
        this.streams = streams;
        this.publisher = publisher;
        this.sessions = sessions;
    }

    public static Gateway start(Settings settings, Connection nats, Topology topology, MeterRegistry registry,
                                NatsTracing tracing, Clock clock) {
        StreamProvisioner streams = new StreamProvisioner(topology);
        streams.ensureStreams(nats);
        EnvelopePublisher publisher;
        try {
            publisher = new EnvelopePublisher(nats.jetStream(), topology, new EnvelopeCodec(), tracing,
                    registry);
        } catch (IOException e) {
            throw new IllegalStateException("JetStream is not available on this NATS connection", e);
        }
        InteractionIngress ingress = new InteractionIngress(new ObjectMapper(), clock, publisher::publish, registry);
        DiscordSessions sessions = DiscordSessions.start(settings.token().reveal(), settings.apiUrl(),
                settings.gatewayUrl(), settings.shardCount(), ingress);
        return new Gateway(nats, streams, publisher, sessions);
    }

    public ShardStatus shards() {
        return sessions.status();
    }

    public boolean natsConnected() {
        return nats.getStatus() == Connection.Status.CONNECTED;
    }

    public boolean streamPresent() {
        return streams.streamExists(nats);
    }

    @Override
    public void close() {
        sessions.close();
        publisher.close();
    }
}
