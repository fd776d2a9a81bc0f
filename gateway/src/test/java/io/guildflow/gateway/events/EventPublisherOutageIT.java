package io.guildflow.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.telemetry.MetricNames;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.net.CuttableProxy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The event publisher's connection runs through a proxy the test cuts while events keep arriving: once NATS is
 * back every event is stored exactly once and in the order received (an earlier attempt stored 1,4,5,… then 2,3).
 */
class EventPublisherOutageIT {
    private static final int BEFORE = 5;
    private static final int DURING = 40;
    private static final int AFTER = 5;

    @Test
    void throughANatsCutNothingIsLostAndTheOrderIsKept() throws Exception {
        URI server = URI.create(IsolatedEnvironment.NATS_URL);
        try (IsolatedEnvironment environment = new IsolatedEnvironment("gw-event-cut");
             CuttableProxy proxy = new CuttableProxy(server.getHost(), server.getPort());
             Connection direct = Nats.connect(IsolatedEnvironment.NATS_URL);
             Connection viaProxy = Nats.connect(Options.builder().server("nats://127.0.0.1:" + proxy.port())
                     .maxReconnects(-1).reconnectWait(Duration.ofMillis(100)).connectionTimeout(Duration.ofSeconds(1))
                     .build())) {
            new StreamProvisioner(environment.topology()).ensureStreams(direct);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (EventPublisher publisher = new EventPublisher(viaProxy, environment.topology(), 4,
                    EventSettings.defaults(), registry)) {
                int n = 0;
                for (; n < BEFORE; n++) {
                    publisher.enqueue("MESSAGE_CREATE", 0, Instant.now(), body(n));
                }
                assertTrue(publisher.awaitFlushed(Duration.ofSeconds(5)));
                proxy.cut();
                for (; n < BEFORE + DURING; n++) {
                    // half keyed (message creates), half with only the gateway's own id (reactions)
                    publisher.enqueue(n % 2 == 0 ? "MESSAGE_CREATE" : "MESSAGE_REACTION_ADD", 0, Instant.now(), body(n));
                    Thread.sleep(20);
                }
                proxy.restore();
                for (; n < BEFORE + DURING + AFTER; n++) {
                    publisher.enqueue("MESSAGE_CREATE", 0, Instant.now(), body(n));
                }
                assertTrue(publisher.awaitFlushed(Duration.ofSeconds(15)), publisher.backlog() + " still waiting");
                assertEquals(0.0, registry.get(MetricNames.GATEWAY_EVENTS_DROPPED).counter().count());
            }
            List<MessageInfo> stored = StreamContents.all(direct, environment.topology().eventStreamName());
            ObjectMapper json = new ObjectMapper();
            assertEquals(BEFORE + DURING + AFTER, stored.size(), "every event once");
            for (int i = 0; i < stored.size(); i++) {
                assertEquals(Integer.toString(i), json.readTree(stored.get(i).getData()).path("id").asText(),
                        "stream position " + i);
            }
            assertEquals(Set.of("0"), Set.copyOf(stored.stream().map(m -> m.getHeaders().getFirst("Gf-Shard")).toList()));
        }
    }

    /** A message in guild 42; {@code n} is its id, so its position in the stream can be checked. */
    private static byte[] body(int n) {
        return ("{\"id\":\"" + n + "\",\"guild_id\":\"42\",\"channel_id\":\"7\",\"content\":\"m" + n + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
