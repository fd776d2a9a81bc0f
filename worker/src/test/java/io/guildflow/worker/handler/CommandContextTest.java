package io.guildflow.worker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandContextTest {
    private static final Connection UNUSED = (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> null);

    private static CommandContext context(String interactionJson) throws Exception {
        var raw = new ObjectMapper().readTree(interactionJson);
        return new CommandContext(InteractionEnvelope.fromDiscord(raw, Instant.EPOCH, 0), UNUSED, Clock.systemUTC());
    }

    @Test
    void readsOptionsThroughSubcommandGroups() throws Exception {
        CommandContext ctx = context("""
                {"id":"1","token":"t","type":2,"guild_id":"9","channel_id":"8","application_id":"7",
                 "member":{"user":{"id":"6"}},
                 "data":{"id":"5","name":"settings","type":1,"options":[
                   {"type":2,"name":"config","options":[
                     {"type":1,"name":"set","options":[
                       {"type":3,"name":"key","value":"color"},
                       {"type":4,"name":"value","value":42},
                       {"type":5,"name":"public","value":true},
                       {"type":6,"name":"who","value":"123456789012345678"}]}]}]}}""");
        assertEquals("settings", ctx.commandName());
        assertEquals(List.of("config", "set"), ctx.subcommandPath());
        assertEquals(Optional.of("color"), ctx.optionString("key"));
        assertEquals(Optional.of(42L), ctx.optionLong("value"));
        assertEquals(Optional.of(true), ctx.optionBoolean("public"));
        assertEquals(123456789012345678L, ctx.option("who").orElseThrow().asLong());
        assertTrue(ctx.option("missing").isEmpty());
        assertEquals(Optional.of("9"), ctx.guildId());
        assertEquals("6", ctx.userId());
    }

    @Test
    void commandWithoutOptionsHasNone() throws Exception {
        CommandContext ctx = context("""
                {"id":"1","token":"t","type":2,"channel_id":"8","user":{"id":"6"},"data":{"name":"ping","type":1}}""");
        assertTrue(ctx.subcommandPath().isEmpty());
        assertTrue(ctx.option("x").isEmpty());
        assertTrue(ctx.guildId().isEmpty());
    }
}
