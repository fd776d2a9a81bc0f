package io.guildflow.common.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final EnvelopeCodec codec = new EnvelopeCodec(mapper);

    private JsonNode guildCommand() throws Exception {
        return mapper.readTree("""
                {"id":"1100","application_id":"900","type":2,"token":"tok-secret","guild_id":"42",
                 "channel_id":"77","member":{"user":{"id":"5"}},"data":{"id":"1","name":"ping","type":1},
                 "some_future_field":{"x":1}}""");
    }

    @Test
    void roundTripKeepsEveryFieldAndTheRawPayload() throws Exception {
        InteractionEnvelope envelope = InteractionEnvelope.fromDiscord(guildCommand(),
                Instant.parse("2026-11-22T10:00:00.123Z"), 3);
        InteractionEnvelope decoded = codec.decode(codec.encode(envelope));
        assertEquals(envelope, decoded);
        assertEquals("42", decoded.guildId().orElseThrow());
        assertEquals("5", decoded.userId());
        assertEquals(InteractionKind.COMMAND, decoded.kind());
        assertEquals(1, decoded.raw().path("some_future_field").path("x").asInt());
    }

    @Test
    void directMessageTakesUserAndHasNoGuild() throws Exception {
        JsonNode dm = mapper.readTree("""
                {"id":"1","application_id":"9","type":3,"token":"t","channel":{"id":"8"},"user":{"id":"6"}}""");
        InteractionEnvelope envelope = InteractionEnvelope.fromDiscord(dm, Instant.EPOCH, 0);
        assertTrue(envelope.guildId().isEmpty());
        assertEquals("6", envelope.userId());
        assertEquals("8", envelope.channelId());
        assertEquals(InteractionKind.COMPONENT, envelope.kind());
    }

    @Test
    void anInteractionTypeDiscordAddsLaterIsUnknownAndKeepsItsPayload() throws Exception {
        JsonNode future = mapper.readTree("""
                {"id":"7","application_id":"9","type":99,"token":"t","guild_id":"42","channel_id":"77",
                 "member":{"user":{"id":"5"}},"data":{"shape":"nobody knows yet"}}""");
        InteractionEnvelope decoded = codec.decode(codec.encode(InteractionEnvelope.fromDiscord(future, Instant.EPOCH, 0)));
        assertEquals(InteractionKind.UNKNOWN, decoded.kind());
        assertEquals(99, decoded.type());
        assertEquals(future, decoded.raw(), "forwarded as Discord sent it");
    }

    @Test
    void kindsMapFromDiscordTypesAndBackFromSubjectTokens() {
        assertEquals(InteractionKind.COMMAND, InteractionKind.ofDiscordType(2));
        assertEquals(InteractionKind.COMPONENT, InteractionKind.ofDiscordType(3));
        assertEquals(InteractionKind.AUTOCOMPLETE, InteractionKind.ofDiscordType(4));
        assertEquals(InteractionKind.MODAL, InteractionKind.ofDiscordType(5));
        assertEquals(InteractionKind.UNKNOWN, InteractionKind.ofDiscordType(1), "PING never comes over the gateway");
        assertEquals(InteractionKind.UNKNOWN, InteractionKind.ofDiscordType(99));
        for (InteractionKind kind : InteractionKind.values()) {
            assertEquals(kind, InteractionKind.ofSubjectToken(kind.subjectToken()).orElseThrow());
        }
        assertTrue(InteractionKind.ofSubjectToken("lifecycle").isEmpty(), "lifecycle is not an interaction kind");
    }

    @Test
    void tokenNeverInToString() throws Exception {
        InteractionEnvelope envelope = InteractionEnvelope.fromDiscord(guildCommand(), Instant.EPOCH, 0);
        assertFalse(envelope.toString().contains("tok-secret"));
    }

    @Test
    void malformedInputGivesClearErrors() {
        assertThrows(MalformedEnvelopeException.class, () -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEnvelopeException.class, () -> codec.decode("[1]".getBytes(StandardCharsets.UTF_8)));
        MalformedEnvelopeException version = assertThrows(MalformedEnvelopeException.class,
                () -> codec.decode("{\"v\":99}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(version.getMessage().contains("version"));
        assertThrows(MalformedEnvelopeException.class, () -> codec.decode(
                "{\"v\":1,\"id\":\"1\",\"type\":2,\"interaction\":{}}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEnvelopeException.class,
                () -> InteractionEnvelope.fromDiscord(mapper.readTree("{\"id\":\"1\",\"type\":2}"), Instant.EPOCH, 0));
    }
}
