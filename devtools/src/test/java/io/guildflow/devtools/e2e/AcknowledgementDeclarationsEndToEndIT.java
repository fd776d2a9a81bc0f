package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Handlers' acknowledgement declarations, through real gateway and worker processes: with no worker
 * running, the guard defers a declared-ephemeral command ephemerally and an undeclared one publicly, and
 * a declared "immediately" command at once; once a worker runs, each answer arrives as its handler meant
 * it. No message carrying an answer meant for one user is ever public, checked on every message the
 * emulator recorded for those interactions.
 */
class AcknowledgementDeclarationsEndToEndIT {
    private static final int DEFERRED_REPLY = 5;
    private static final int EPHEMERAL = 64;
    private static final Class<?>[] HANDLERS = {DeclaredCommands.Secret.class, DeclaredCommands.Whisper.class,
            DeclaredCommands.Prompt.class};

    @Test
    void eachInteractionIsAcknowledgedAsItsHandlerDeclaredAndAnEphemeralAnswerStaysPrivate() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("declared");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).build().start();
             JarProcess gateway = JarProcess.runWithTestHandlers(JarProcess.gatewaySettings(emulator, environment),
                     HANDLERS)) {
            gateway.awaitReady(Duration.ofSeconds(90));
            EmulatedGuild guild = emulator.guild(0);

            // no worker: the guard has to step in for each
            DispatchedInteraction secret = emulator.slashCommand(guild, guild.members().get(0), "secret", Map.of());
            DispatchedInteraction whisper = emulator.slashCommand(guild, guild.members().get(1), "whisper", Map.of());
            InteractionRecord secretDeferral = emulator.awaitAcknowledged(secret.id(), Duration.ofSeconds(10));
            InteractionRecord whisperDeferral = emulator.awaitAcknowledged(whisper.id(), Duration.ofSeconds(10));
            assertEquals(DEFERRED_REPLY, secretDeferral.acknowledgementType());
            assertEquals(EPHEMERAL, secretDeferral.message().path("flags").asInt() & EPHEMERAL,
                    "declared ephemeral: deferred ephemerally " + secretDeferral);
            assertEquals(DEFERRED_REPLY, whisperDeferral.acknowledgementType());
            assertEquals(0, whisperDeferral.message().path("flags").asInt() & EPHEMERAL,
                    "undeclared: the guard can only defer publicly " + whisperDeferral);

            try (JarProcess worker = JarProcess.runWithTestHandlers(JarProcess.workerSettings(emulator, environment),
                    HANDLERS)) {
                worker.awaitReady(Duration.ofSeconds(90));
                InteractionRecord secretAnswer = awaitAnswer(emulator, secret);
                assertEquals(DeclaredCommands.SECRET, secretAnswer.content(), secretAnswer.toString());
                assertEquals(EPHEMERAL, secretAnswer.message().path("flags").asInt() & EPHEMERAL,
                        "edited into the ephemeral deferral " + secretAnswer);
                InteractionRecord whisperAnswer = awaitAnswer(emulator, whisper);
                assertNull(whisperAnswer.message(), "the public thinking… was removed " + whisperAnswer);
                assertEquals(1, whisperAnswer.followUps().size(), whisperAnswer.toString());
                assertEquals(DeclaredCommands.SECRET, whisperAnswer.followUps().get(0).path("content").asText());

                List<Long> deferralMillis = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    DispatchedInteraction prompt = emulator.slashCommand(guild, guild.members().get(i % 2), "prompt",
                            Map.of());
                    InteractionRecord answered = awaitAnswer(emulator, prompt);
                    assertEquals(DEFERRED_REPLY, answered.acknowledgementType(),
                            "deferred on arrival although a worker runs " + answered);
                    assertEquals("answered after the deferral", answered.content(), answered.toString());
                    assertEquals(1, answered.acceptedAcknowledgements(), answered.toString());
                    deferralMillis.add(answered.acknowledgementLatency().toMillis());
                }
                deferralMillis.sort(null);
                System.out.println("declared immediately: dispatch to accepted deferral (ms) " + deferralMillis);
                assertTrue(deferralMillis.get(deferralMillis.size() / 2) < 100,
                        "deferred within 100 ms of dispatch (median): " + deferralMillis);

                for (DispatchedInteraction ephemeral : List.of(secret, whisper)) {
                    InteractionRecord record = emulator.interaction(ephemeral.id());
                    for (JsonNode message : messagesWithTheAnswer(record)) {
                        assertEquals(EPHEMERAL, message.path("flags").asInt() & EPHEMERAL,
                                "an answer meant for one user was public: " + record);
                    }
                }
            }
        }
    }

    private static InteractionRecord awaitAnswer(DiscordEmulator emulator, DispatchedInteraction interaction)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        InteractionRecord record = emulator.interaction(interaction.id());
        while (!answered(record) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            record = emulator.interaction(interaction.id());
        }
        assertTrue(answered(record), "no answer: " + record);
        return record;
    }

    private static boolean answered(InteractionRecord record) {
        return record.followUps().stream().anyMatch(m -> m.path("content").asText().length() > 0)
                || (record.message() != null && record.content() != null && !record.content().isEmpty());
    }

    /** The interaction's own message and its follow-ups, where they hold the answer's text. */
    private static List<JsonNode> messagesWithTheAnswer(InteractionRecord record) {
        List<JsonNode> messages = new ArrayList<>(record.followUps());
        if (record.message() != null) {
            messages.add(record.message());
        }
        return messages.stream().filter(m -> DeclaredCommands.SECRET.equals(m.path("content").asText())).toList();
    }
}
