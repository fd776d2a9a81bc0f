package io.guildflow.devtools.e2e;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.discord.DiscordError;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton's claim, with every real part: JDA against the emulator, JetStream,
 * PostgreSQL, and two workers that are separate runtimes with separate NATS connections.
 */
class PipelineEndToEndIT {

    @Test
    void twoHundredPingsOverThreeGuildsAreAnsweredExactlyOnceInTime() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("e2e");
             DiscordEmulator emulator = BotCommands.emulator().guilds(3).commands("ping").build().start();
             LocalCluster cluster = LocalCluster.start(emulator, environment.settings(), 2, HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()))) {
            cluster.awaitReady(Duration.ofSeconds(30));

            List<EmulatedGuild> guilds = emulator.guilds();
            List<DispatchedInteraction> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                EmulatedGuild guild = guilds.get(i % guilds.size());
                sent.add(emulator.slashCommand(guild, guild.members().get(i % guild.members().size()), "ping",
                        Map.of()));
                Thread.sleep(5); // ~200/s: a burst, but not a single instant
            }

            for (DispatchedInteraction interaction : sent) {
                InteractionRecord record = emulator.awaitResponse(interaction.id(), Duration.ofSeconds(10));
                assertEquals(1, record.acceptedAcknowledgements(), "acknowledgements of " + interaction.id());
                // A worker slower than ACK_DEADLINE (a busy machine) finds the guard's deferral and edits it.
                record.refusals().forEach(refusal ->
                        assertEquals(DiscordError.INTERACTION_ALREADY_ACKNOWLEDGED.code(), refusal.code()));
                assertTrue(record.edits() <= 1, record.toString());
                assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                        "answered after " + record.acknowledgementLatency());
                assertTrue(record.content().startsWith("pong"), record.content());
            }
            assertEquals(3, sent.stream().map(DispatchedInteraction::guildId).distinct().count());
            assertEquals(200, environment.count("SELECT count(*) FROM handled_interactions"));
            assertEquals(200, environment.count("SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
            assertEquals(2, environment.count("SELECT count(DISTINCT worker_id) FROM handled_interactions"),
                    "both workers took part");
            assertEquals(200, emulator.interactions().stream().mapToInt(InteractionRecord::acceptedAcknowledgements).sum(),
                    "one accepted callback per interaction, no second answers");
        }
    }
}
