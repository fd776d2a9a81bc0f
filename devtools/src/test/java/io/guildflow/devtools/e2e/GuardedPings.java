package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.discord.DiscordError;
import io.guildflow.common.discord.ResponseEncoder;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /ping} traffic that a gateway's guard must defer (no worker yet), and what a later worker must make of it. */
final class GuardedPings {
    private static final Duration DISCORD_WINDOW = Duration.ofSeconds(3);

    private GuardedPings() {
    }

    /** {@code count} pings over the emulator's first two guilds, {@code pauseMillis} apart. */
    static List<DispatchedInteraction> send(DiscordEmulator emulator, int count, long pauseMillis)
            throws InterruptedException {
        List<DispatchedInteraction> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EmulatedGuild guild = emulator.guild(i % 2);
            sent.add(emulator.slashCommand(guild, guild.members().get(i % guild.members().size()), "ping", Map.of()));
            Thread.sleep(pauseMillis);
        }
        return sent;
    }

    /** Each was deferred (publicly: a command) within Discord's window, and nothing has answered it yet. */
    static void assertDeferredInTime(DiscordEmulator emulator, List<DispatchedInteraction> sent) {
        for (DispatchedInteraction interaction : sent) {
            InteractionRecord record = emulator.awaitAcknowledged(interaction.id(), Duration.ofSeconds(10));
            assertEquals(ResponseEncoder.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, record.acknowledgementType(),
                    "deferred by the guard: " + record);
            assertTrue(record.acknowledgementLatency().compareTo(DISCORD_WINDOW) < 0,
                    "deferred after " + record.acknowledgementLatency() + " by the emulator's clock");
            assertEquals(0, record.edits(), "nothing answered it yet: " + record);
        }
    }

    /** A worker started after the deferrals answered each once, by editing the deferral. */
    static void assertEachAnsweredOnceByAnEdit(DiscordEmulator emulator, List<DispatchedInteraction> sent)
            throws InterruptedException {
        for (DispatchedInteraction interaction : sent) {
            InteractionRecord record = emulator.awaitResponse(interaction.id(), Duration.ofSeconds(30));
            assertTrue(record.content().startsWith("pong"), record.content());
        }
        Thread.sleep(500); // room for a wrong second answer to show up
        for (DispatchedInteraction interaction : sent) {
            InteractionRecord record = emulator.interaction(interaction.id());
            assertEquals(1, record.acceptedAcknowledgements(), "acknowledged once: " + record);
            assertEquals(1, record.edits(), "the deferral was edited once: " + record);
            assertTrue(record.followUps().isEmpty(), "no second message: " + record);
            for (InteractionRecord.Refusal refusal : record.refusals()) {
                // the worker's own callback, refused because the guard was first; it then edited
                assertEquals(DiscordError.INTERACTION_ALREADY_ACKNOWLEDGED.code(), refusal.code());
            }
        }
    }
}
