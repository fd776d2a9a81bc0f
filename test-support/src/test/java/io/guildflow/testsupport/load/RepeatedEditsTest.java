package io.guildflow.testsupport.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Answered once" counts an edit of {@code @original} that repeats what it shows as a second answer: the trace of
 * one answer sent twice, which a user cannot see but a redelivery that reads first never leaves.
 */
class RepeatedEditsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Predicate<InteractionRecord> PONG = AnsweredOnce.contentStartingWith("pong");

    private final DiscordEmulator emulator = DiscordEmulator.builder().commands("ping").build().start();
    private final DiscordRestClient rest = new DiscordRestClient(URI.create(emulator.apiUrl()), emulator.token(),
            new SimpleMeterRegistry());

    @AfterEach
    void stop() {
        rest.close();
        emulator.close();
    }

    @Test
    void anIdenticalEditAfterTheReplyIsASecondAnswer() {
        DispatchedInteraction ping = pingAnsweredThenEdited("pong");

        InteractionRecord record = emulator.interaction(ping.id());
        assertEquals(1, LoadSummary.extraAnswers(record), record.toString());
        assertThrows(AssertionError.class, () -> AnsweredOnce.check(record, PONG));
        assertThrows(AssertionError.class, () -> awaitAcrossKills(ping));
        assertEquals(1, AnsweredOnce.awaitAcrossFreezes(emulator, List.of(ping), Duration.ofSeconds(1), PONG).size(),
                "a thawed worker may repeat it once");
    }

    @Test
    void anEditThatChangesTheReplyIsNotARepeat() {
        DispatchedInteraction ping = pingAnsweredThenEdited("pong (edited)");

        assertEquals(0, LoadSummary.extraAnswers(emulator.interaction(ping.id())));
        assertEquals(1, awaitAcrossKills(ping).size());
    }

    @Test
    void aSecondIdenticalEditOfTheGuardsDeferralIsASecondAnswer() {
        DispatchedInteraction ping = ping();
        answer(ping, 5, null);
        edit(ping, "pong");
        assertEquals(1, awaitAcrossKills(ping).size(), "the deferral filled once is one answer");

        edit(ping, "pong");

        assertThrows(AssertionError.class, () -> awaitAcrossKills(ping));
        assertEquals(1, AnsweredOnce.awaitAcrossFreezes(emulator, List.of(ping), Duration.ofSeconds(1), PONG).size());
        assertEquals("accepted 5 (x1); refused none; edits 2 (1 repeating it)",
                LoadSummary.callbackPattern(emulator.interaction(ping.id())));
    }

    private DispatchedInteraction ping() {
        EmulatedGuild guild = emulator.guild(0);
        return emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of());
    }

    /** A /ping answered "pong" directly, then its message edited to {@code edited}. */
    private DispatchedInteraction pingAnsweredThenEdited(String edited) {
        DispatchedInteraction ping = ping();
        answer(ping, 4, "pong");
        edit(ping, edited);
        return ping;
    }

    private List<InteractionRecord> awaitAcrossKills(DispatchedInteraction ping) {
        return AnsweredOnce.awaitAcrossKills(emulator, List.of(ping), Duration.ofSeconds(1), PONG);
    }

    private void answer(DispatchedInteraction interaction, int type, String content) {
        ObjectNode callback = JSON.createObjectNode().put("type", type);
        if (content != null) {
            callback.putObject("data").put("content", content);
        }
        rest.respond(interaction.id(), interaction.token(), callback);
    }

    private void edit(DispatchedInteraction interaction, String content) {
        rest.editOriginal(emulator.applicationId(), interaction.token(),
                JSON.createObjectNode().put("content", content));
    }
}
