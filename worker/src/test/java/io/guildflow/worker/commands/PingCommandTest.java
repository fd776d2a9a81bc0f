package io.guildflow.worker.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.handler.CommandContext;
import io.guildflow.worker.handler.Reply;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PingCommandTest {
    private static final Instant RECEIVED = Instant.parse("2025-01-01T12:00:00Z");

    /** /ping does not touch the database; any use of this connection fails the test. */
    private static final Connection NO_DATABASE = (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                throw new AssertionError("ping must not use the database (" + m.getName() + ")");
            });

    private static CommandContext contextAt(Instant now) {
        ObjectNode raw = new ObjectMapper().createObjectNode();
        raw.put("id", "1").put("token", "t").put("type", 2).put("guild_id", "2").put("channel_id", "3")
                .put("application_id", "4");
        raw.putObject("member").putObject("user").put("id", "5");
        raw.putObject("data").put("id", "6").put("name", "ping").put("type", 1);
        return new CommandContext(InteractionEnvelope.fromDiscord(raw, RECEIVED, 0), NO_DATABASE,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void answersPongWithTheGatewayToWorkerLatency() {
        Reply reply = new PingCommand().handle(contextAt(RECEIVED.plusMillis(3)));
        assertEquals(Reply.message("pong (gateway → worker 3 ms)"), reply);
    }

    @Test
    void clockSkewNeverShowsNegativeLatency() {
        Reply reply = new PingCommand().handle(contextAt(RECEIVED.minusMillis(5)));
        assertEquals(Reply.message("pong (gateway → worker 0 ms)"), reply);
    }

    @Test
    void registersAsSlashCommandPing() {
        ObjectNode json = new PingCommand().spec().toDiscordJson();
        assertEquals("ping", json.path("name").asText());
        assertEquals(1, json.path("type").asInt());
        assertEquals(0, json.path("options").size());
    }
}
