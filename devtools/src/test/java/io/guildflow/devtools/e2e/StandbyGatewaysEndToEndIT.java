package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;



import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;

import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.time.Duration;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 3-second promise with every worker down, kept by two gateways holding the same shard (processes): both receive
 * every interaction, and they agree on one acknowledgement each, the gateway whose publish JetStream stored first
 * sending it in time, so Discord refuses none (no 40060). A worker started afterwards turns each deferral into the
 * real answer by editing it, once.
 */
class StandbyGatewaysEndToEndIT {
    private static final int INTERACTIONS = 50;

    @Test
    void twoGatewaysAcknowledgeEachInteractionOnceAndALaterWorkerAnswersIt() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("standby");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start()) {
            Map<String, String> gatewayEnv = JarProcess.gatewaySettings(emulator, environment);
            try (JarProcess first = JarProcess.run(gatewayEnv);
                 JarProcess second = JarProcess.run(gatewayEnv)) {
                first.awaitReady(Duration.ofSeconds(90));
                second.awaitReady(Duration.ofSeconds(90));
                assertEquals(2, emulator.readySessions(0).size(), "both gateways hold the shard");

                List<DispatchedInteraction> sent = GuardedPings.send(emulator, INTERACTIONS, 20);
                GuardedPings.assertDeferredInTime(emulator, sent);
                Thread.sleep(1_000); // past the standing-by gateway's later deadline: a second attempt would show
                for (DispatchedInteraction interaction : sent) {
                    InteractionRecord record = emulator.interaction(interaction.id());
                    assertEquals(1, record.acceptedAcknowledgements(), "acknowledged once: " + record);
                    assertTrue(record.refusals().isEmpty(), "one attempt, no 40060: " + record);
                }

                try (JarProcess worker = JarProcess.run(JarProcess.workerSettings(emulator, environment))) {
                    worker.awaitReady(Duration.ofSeconds(90));
                    GuardedPings.assertEachAnsweredOnceByAnEdit(emulator, sent);
                    assertEquals(INTERACTIONS,
                            environment.count("SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
                }
            }
        }
    }
}
