package io.guildflow.devtools.e2e;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.runtime.GuildflowProcess;
import io.guildflow.common.discord.DiscordError;
import io.guildflow.common.discord.ResponseEncoder;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 3-second promise with every worker down: the gateway's guard defers each interaction in
 * time, and a worker started afterwards turns each deferral into the real answer by editing it.
 */
class AcknowledgementGuardEndToEndIT {
    private static final Duration DISCORD_WINDOW = Duration.ofSeconds(3);

    @Test
    void withoutWorkersEveryInteractionIsDeferredInTimeAndALaterWorkerAnswersEachOnce() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("guard");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start();
             LocalCluster gatewayOnly = LocalCluster.start(emulator, environment.settings(), 0,
                     HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()))) {
            gatewayOnly.awaitReady(Duration.ofSeconds(30));

            List<DispatchedInteraction> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                EmulatedGuild guild = emulator.guild(i % 2);
                sent.add(emulator.slashCommand(guild, guild.members().get(i % guild.members().size()), "ping",
                        Map.of()));
                Thread.sleep(10);
            }
            for (DispatchedInteraction interaction : sent) {
                InteractionRecord record = emulator.awaitAcknowledged(interaction.id(), Duration.ofSeconds(10));
                assertEquals(ResponseEncoder.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, record.acknowledgementType(),
                        "deferred by the guard: " + record);
                assertTrue(record.acknowledgementLatency().compareTo(DISCORD_WINDOW) < 0,
                        "deferred after " + record.acknowledgementLatency() + " by the emulator's clock");
                assertEquals(0, record.edits(), "nothing answered it yet: " + record);
            }

            try (GuildflowProcess worker = GuildflowProcess.start(
                    LocalCluster.configFor(emulator, environment.settings(), BotMode.WORKER), Clock.systemUTC(),
                    HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()), "late-worker")) {
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
                assertEquals(50, environment.count("SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
            }
        }
    }
}
