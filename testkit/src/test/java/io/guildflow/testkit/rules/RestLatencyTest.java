package io.guildflow.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A slow Discord: each REST request is handled only after the latency, and Discord's rules judge it then. */
class RestLatencyTest {
    private static final Duration LATENCY = Duration.ofMillis(300);

    @Test
    void aRequestIsHandledAndJudgedOnlyAfterTheLatency() {
        try (DiscordEmulator emu = DiscordEmulator.builder().commands("ping").build().start()) {
            Http http = new Http(emu);
            EmulatedGuild guild = emu.guild(0);
            emu.restLatency(LATENCY);
            DispatchedInteraction slow = emu.slashCommand(guild, guild.members().get(0), "ping", Map.of());
            long sent = System.nanoTime();
            assertEquals(204, http.bot("POST", "/interactions/" + slow.id() + "/" + slow.token() + "/callback",
                    "{\"type\":5}").statusCode());
            // lower bounds only: the wait happened before the answer, and the emulator handled the call after it
            assertTrue(System.nanoTime() - sent >= LATENCY.toNanos(), "answered before the latency passed");
            InteractionRecord record = emu.interaction(slow.id());
            assertTrue(Duration.between(record.dispatchedAt(), record.acknowledgedAt()).compareTo(LATENCY) >= 0,
                    "acknowledged when it arrived, not when Discord handled it: " + record);

            emu.restLatency(Duration.ZERO);
            DispatchedInteraction prompt = emu.slashCommand(guild, guild.members().get(0), "ping", Map.of());
            assertEquals(204, http.bot("POST", "/interactions/" + prompt.id() + "/" + prompt.token()
                    + "/callback", "{\"type\":5}").statusCode());
            assertThrows(IllegalArgumentException.class, () -> emu.restLatency(Duration.ofMillis(-1)));
        }
    }
}
