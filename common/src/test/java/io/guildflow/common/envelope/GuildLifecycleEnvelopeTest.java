package io.guildflow.common.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GuildLifecycleEnvelopeTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final Instant received = Instant.parse("2026-11-22T20:00:05Z");

    @Test
    void roundTripsWithTheRawPayloadUntouched() throws Exception {
        GuildLifecycleEnvelope joined = GuildLifecycleEnvelope.of(GuildLifecycleEnvelope.Event.JOINED, "42", 3,
                received, mapper.readTree("{\"id\":\"42\",\"name\":\"Newcomers\",\"joined_at\":\"2026-11-22T20:00:04Z\"}"));
        byte[] bytes = joined.encode(mapper);
        assertEquals("lifecycle", mapper.readTree(bytes).path("kind").asText());
        assertEquals("joined", mapper.readTree(bytes).path("event").asText());
        assertEquals(joined, GuildLifecycleEnvelope.decode(mapper, bytes));
    }

    @Test
    void messageIdIsTheSameForEveryGatewayThatSawTheSameFact() throws Exception {
        var raw = mapper.readTree("{\"id\":\"42\",\"joined_at\":\"2026-11-22T20:00:04Z\"}");
        assertEquals(GuildLifecycleEnvelope.of(GuildLifecycleEnvelope.Event.JOINED, "42", 0, received, raw).messageId(),
                GuildLifecycleEnvelope.of(GuildLifecycleEnvelope.Event.JOINED, "42", 0, received.plusSeconds(2), raw)
                        .messageId());
        var left = mapper.readTree("{\"id\":\"42\"}");
        assertEquals("guild-42-left-" + received.getEpochSecond() / 10,
                GuildLifecycleEnvelope.of(GuildLifecycleEnvelope.Event.LEFT, "42", 0, received, left).messageId());
    }

    @Test
    void anInteractionEnvelopeIsNotALifecycleEnvelope() {
        assertThrows(MalformedEnvelopeException.class, () -> GuildLifecycleEnvelope.decode(mapper,
                "{\"v\":1,\"id\":\"1\",\"type\":2}".getBytes(StandardCharsets.UTF_8)));
    }
}
