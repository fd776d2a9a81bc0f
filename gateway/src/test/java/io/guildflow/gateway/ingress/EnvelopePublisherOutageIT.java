package io.guildflow.gateway.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.Telemetry;
import io.guildflow.testsupport.nats.NatsServerProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A NATS server of the test's own, stopped and restarted under the publisher. */
class EnvelopePublisherOutageIT {
    private final Topology topology = new Topology("outage");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Set<String> abandoned = ConcurrentHashMap.newKeySet();
    private NatsServerProcess server;
    private Connection nats;
    private Telemetry telemetry;

    @BeforeEach
    void start() throws Exception {
        server = NatsServerProcess.launch();
        nats = Nats.connect(Options.builder().server(server.url()).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100)).build());
        new StreamProvisioner(topology).ensureStreams(nats);
        telemetry = Telemetry.create("outage-test", topology.environment(), null);
    }

    @AfterEach
    void stop() throws Exception {
        nats.close();
        telemetry.close();
        server.close();
    }

    @Test
    void interactionsReceivedDuringAnOutageArePublishedOnceNatsIsBack() throws Exception {
        try (EnvelopePublisher publisher = publisher(Duration.ofSeconds(30))) {
            publisher.publish(envelope("1")).get(5, TimeUnit.SECONDS);
            server.stop();
            List<CompletableFuture<PublishAck>> during = new ArrayList<>();
            for (int i = 2; i <= 21; i++) {
                during.add(publisher.publish(envelope(Integer.toString(i))));
            }
            Thread.sleep(1_500);
            assertEquals(20, publisher.backlog(), "held while NATS is away");
            server.start();
            for (CompletableFuture<PublishAck> future : during) {
                assertFalse(future.get(20, TimeUnit.SECONDS).isDuplicate());
            }
            assertEquals(21, messageCount());
            assertTrue(abandoned.isEmpty());
            assertEquals(0, publisher.backlog());
        }
    }

    @Test
    void anInteractionPastTheLimitIsAbandonedAndNeverStoredAfterwards() throws Exception {
        try (EnvelopePublisher publisher = publisher(Duration.ofSeconds(1))) {
            publisher.publish(envelope("1")).get(5, TimeUnit.SECONDS);
            server.stop();
            awaitDisconnected(); // sent before the client noticed, it would be in doubt and kept (see class comment)
            CompletableFuture<PublishAck> lost = publisher.publish(envelope("2"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (abandoned.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(Set.of("2"), abandoned, "its user is told");
            assertTrue(lost.isCompletedExceptionally());
            server.start();
            // Traffic after the recovery flows, and the abandoned interaction does not come back with it.
            publisher.publish(envelope("3")).get(20, TimeUnit.SECONDS);
            Thread.sleep(500);
            assertEquals(List.of("1", "3"), storedIds());
            assertEquals(1.0, registry.counter("guildflow.gateway.interactions.abandoned").count());
        }
    }

    private void awaitDisconnected() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (nats.getStatus() == Connection.Status.CONNECTED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private List<String> storedIds() throws Exception {
        var management = nats.jetStreamManagement();
        long last = management.getStreamInfo(topology.streamName()).getStreamState().getLastSequence();
        List<String> ids = new ArrayList<>();
        for (long sequence = 1; sequence <= last; sequence++) {
            ids.add(management.getMessage(topology.streamName(), sequence).getHeaders().getFirst("Nats-Msg-Id"));
        }
        return ids;
    }

    private long messageCount() throws Exception {
        return nats.jetStreamManagement().getStreamInfo(topology.streamName()).getStreamState().getMsgCount();
    }

    private EnvelopePublisher publisher(Duration giveUpAfter) throws Exception {
        return new EnvelopePublisher(nats, topology, new EnvelopeCodec(), telemetry.nats(), registry,
                new EnvelopePublisher.Limits(100, 1_000, giveUpAfter), Clock.systemUTC(),
                envelope -> abandoned.add(envelope.interactionId()));
    }

    private static InteractionEnvelope envelope(String id) throws Exception {
        return InteractionEnvelope.fromDiscord(new ObjectMapper().readTree(
                "{\"id\":\"" + id + "\",\"type\":2,\"token\":\"t\",\"guild_id\":\"1\",\"member\":{\"user\":{\"id\":\"2\"}}}"),
                Instant.now(), 0);
    }
}
