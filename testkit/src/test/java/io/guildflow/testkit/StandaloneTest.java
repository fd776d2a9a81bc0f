package io.guildflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.Snowflakes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandaloneTest {
    @Test
    void startsOnAGivenPortAndPrintsWhereItListens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (DiscordEmulator emu = DiscordEmulator.builder().port(port).guilds(3).build().start()) {
            assertEquals("http://127.0.0.1:" + port + "/api/v10", emu.apiUrl());
            assertEquals("ws://127.0.0.1:" + port + "/gateway", emu.gatewayUrl());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            emu.printListening(new PrintStream(out, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("DISCORD_API_URL=" + emu.apiUrl()), printed);
            assertTrue(printed.contains("DISCORD_GATEWAY_URL=" + emu.gatewayUrl()), printed);
            assertEquals(3, emu.guilds().size());
            assertEquals(9, emu.users().size());
        }
    }

    @Test
    void idsAreUniqueSnowflakesAndGuildsSpreadOverShards() {
        try (DiscordEmulator emu = DiscordEmulator.builder().guilds(4).commands("ping").build().start()) {
            Set<Integer> shards = new HashSet<>();
            for (EmulatedGuild g : emu.guilds()) {
                shards.add(Snowflakes.shardOf(Long.parseUnsignedLong(g.id()), 2));
            }
            assertEquals(Set.of(0, 1), shards);
            Set<String> ids = new HashSet<>();
            Set<String> tokens = new HashSet<>();
            EmulatedGuild g = emu.guild(0);
            for (int n = 0; n < 500; n++) {
                DispatchedInteraction i = emu.slashCommand(g, g.members().get(0), "ping", Map.of());
                ids.add(i.id());
                tokens.add(i.token());
                Instant stamped = Snowflakes.timestamp(Long.parseUnsignedLong(i.id()));
                assertTrue(Duration.between(stamped, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0);
            }
            assertEquals(500, ids.size());
            assertEquals(500, tokens.size());
            assertNotEquals(emu.guild(0).id(), emu.guild(1).id());
        }
    }

    @Test
    void testClockAdvances() {
        TestClock clock = TestClock.frozen(Instant.parse("2025-01-01T00:00:00Z"));
        clock.advance(Duration.ofMinutes(16));
        assertEquals(Instant.parse("2025-01-01T00:16:00Z"), clock.instant());
        assertEquals(clock.instant().toEpochMilli(), clock.millis());
        TestClock ticking = TestClock.ticking().advance(Duration.ofHours(1));
        assertTrue(ticking.instant().isAfter(Instant.now().plus(Duration.ofMinutes(59))));
    }
}
