package io.guildflow.gateway.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

class InteractionIngressTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<InteractionEnvelope> forwarded = new ArrayList<>();
    private final Instant now = Instant.parse("2026-11-22T12:00:00Z");
    private final InteractionIngress ingress = new InteractionIngress(new ObjectMapper(),
            Clock.fixed(now, ZoneOffset.UTC), forwarded::add, registry);

    @Test
    void interactionBecomesAnEnvelopeWithTheRawPayloadUntouched() {
        String payload = """
                {"id":"123","application_id":"9","type":2,"token":"tok","guild_id":"42","channel_id":"7",
                 "member":{"user":{"id":"5"}},"data":{"name":"ping"},"brand_new_discord_field":[1,2]}""";
        ingress.accept(DataObject.fromJson(payload), 3);
        assertEquals(1, forwarded.size());
        InteractionEnvelope envelope = forwarded.get(0);
        assertEquals("123", envelope.interactionId());
        assertEquals("42", envelope.guildId().orElseThrow());
        assertEquals(3, envelope.shardId());
        assertEquals(now, envelope.receivedAt());
        assertEquals(2, envelope.raw().path("brand_new_discord_field").size());
        assertEquals(1.0, registry.counter(MetricNames.GATEWAY_RECEIVED, MetricNames.TAG_KIND, "command").count());
    }

    @Test
    void unreadablePayloadsAreCountedAndDroppedWithoutThrowing() {
        ingress.accept(DataObject.fromJson("{\"id\":\"1\",\"token\":\"t\",\"type\":\"2\"}"), 0);
        ingress.accept(DataObject.fromJson("{\"type\":2}"), 0);
        assertTrue(forwarded.isEmpty());
        assertEquals(2.0, registry.counter(MetricNames.GATEWAY_MALFORMED).count());
        assertEquals(2.0, registry.counter(MetricNames.GATEWAY_RECEIVED, MetricNames.TAG_KIND, "malformed").count());
    }

    @Test
    void anInteractionOfATypeDiscordAddsLaterIsForwardedAsUnknown() {
        ingress.accept(DataObject.fromJson("""
                {"id":"5","application_id":"9","type":99,"token":"tok","guild_id":"42","channel_id":"7",
                 "member":{"user":{"id":"5"}},"data":{"whatever":true}}"""), 0);
        assertEquals(1, forwarded.size());
        assertEquals(99, forwarded.get(0).type());
        assertEquals(io.guildflow.common.envelope.InteractionKind.UNKNOWN, forwarded.get(0).kind());
        assertTrue(forwarded.get(0).raw().path("data").path("whatever").asBoolean());
        assertEquals(1.0, registry.counter(MetricNames.GATEWAY_RECEIVED, MetricNames.TAG_KIND, "unknown").count());
    }
}
