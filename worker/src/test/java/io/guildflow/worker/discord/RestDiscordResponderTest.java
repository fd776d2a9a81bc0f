package io.guildflow.worker.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.ActionRow;
import io.guildflow.api.Button;
import io.guildflow.api.Message;
import io.guildflow.api.Response;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.discord.ResponseEncoder;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The responder against the Discord emulator, after someone else acknowledged first (40060). A click on
 * a message everyone sees, acknowledged by the gateway's guard with a deferred update: the user's reply
 * must not overwrite that message (it did: a signup's "You joined" replaced the signup message and its
 * buttons), it goes out as a follow-up. Other cases keep editing {@code @original}.
 */
class RestDiscordResponderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DiscordEmulator emulator = DiscordEmulator.builder().build().start();
    private final DiscordRestClient rest = new DiscordRestClient(URI.create(emulator.apiUrl()), emulator.token(),
            new SimpleMeterRegistry());
    private final RestDiscordResponder responder = new RestDiscordResponder(rest);

    @AfterEach
    void stop() {
        rest.close();
        emulator.close();
    }

    @Test
    void aReplyToAClickTheGuardDeferredIsAFollowUpAndLeavesTheClickedMessageAlone() throws Exception {
        String messageId = postSharedMessage(emulator.guild(0));
        InteractionEnvelope envelope = clickDeferredByTheGuard(messageId);
        String click = envelope.interactionId();
        List<Integer> followUpsWhenRecorded = new ArrayList<>();

        Responded result = responder.respond(envelope, ResponseEncoder.encode(Response.ephemeral("You joined.")),
                () -> followUpsWhenRecorded.add(emulator.interaction(click).followUps().size()));

        assertEquals(Responded.FOLLOW_UP, result);
        assertEquals(List.of(0), followUpsWhenRecorded,
                "the answer is recorded as sent once, before the follow-up: Discord cannot tell a repeated one");
        InteractionRecord record = emulator.interaction(click);
        assertEquals(1, record.followUps().size(), record.toString());
        assertEquals("You joined.", record.followUps().get(0).path("content").asText());
        assertEquals(64, record.followUps().get(0).path("flags").asInt() & 64, "still only for the user: " + record);
        assertEquals(0, record.edits(), record.toString());
        JsonNode shared = emulator.messages(envelope.channelId(), 10).stream()
                .filter(message -> message.path("id").asText().equals(messageId)).findFirst().orElseThrow();
        assertEquals("**Raid** 0/10", shared.path("content").asText());
        assertEquals("signup:join:1", shared.path("components").get(0).path("components").get(0)
                .path("custom_id").asText(), "the buttons stay");
    }

    @Test
    void anAnswerWithoutFollowUpsIsRecordedAfterItsSendAsBefore() throws Exception {
        String messageId = postSharedMessage(emulator.guild(0));
        DispatchedInteraction click = click(messageId);
        InteractionEnvelope envelope = envelope(click, messageId);
        int[] recordedEarly = {0};

        Responded result = responder.respond(envelope, ResponseEncoder.encode(Response.ephemeral("You joined.")),
                () -> recordedEarly[0]++);

        assertEquals(Responded.CALLBACK, result);
        assertEquals(0, recordedEarly[0], "a callback is safe to repeat: it is recorded as sent after it");
    }

    @Test
    void aRepeatedReplyAfterItsOwnCallbackGotThroughEditsItInsteadOfPostingAgain() throws Exception {
        String messageId = postSharedMessage(emulator.guild(0));
        DispatchedInteraction click = click(messageId);
        InteractionEnvelope envelope = envelope(click, messageId);

        assertEquals(Responded.CALLBACK,
                responder.respond(envelope, ResponseEncoder.encode(Response.ephemeral("You joined."))));
        assertEquals(Responded.EDIT,
                responder.respond(envelope, ResponseEncoder.encode(Response.ephemeral("You joined."))));

        InteractionRecord record = emulator.interaction(click.id());
        assertTrue(record.followUps().isEmpty(), record.toString());
        assertEquals("You joined.", record.content());
    }

    @Test
    void aCommandTheGuardDeferredGetsItsDeferralEdited() throws Exception {
        EmulatedGuild guild = emulator.guild(0);
        emulator.registerGlobalCommand("ping");
        DispatchedInteraction command = emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of());
        InteractionEnvelope envelope = envelope(command, null);
        rest.respond(envelope.interactionId(), envelope.token(),
                ResponseEncoder.encode(new Response.DeferredReply(false, null, java.util.List.of())).callback());

        assertEquals(Responded.EDIT, responder.respond(envelope, ResponseEncoder.encode(Response.reply("pong"))));

        InteractionRecord record = emulator.interaction(command.id());
        assertEquals("pong", record.content());
        assertTrue(record.followUps().isEmpty(), record.toString());
    }

    @Test
    void anEphemeralAnswerAfterAPublicDeferralStaysPrivate() throws Exception {
        DispatchedInteraction command = deferredBalance(false);
        InteractionEnvelope envelope = envelope(command, null);

        // the first attempt dies where it would record itself, after deleting the public deferral
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> responder.respond(envelope,
                ResponseEncoder.encode(Response.ephemeral("You have 3 coins.")), () -> {
                    throw new IllegalStateException("killed");
                }));
        // its redelivery finds the deferral gone and goes on to the follow-up
        assertEquals(Responded.FOLLOW_UP,
                responder.respond(envelope, ResponseEncoder.encode(Response.ephemeral("You have 3 coins."))));

        InteractionRecord record = emulator.interaction(command.id());
        assertEquals(null, record.message(), "the public thinking… was deleted: " + record);
        assertEquals(1, record.followUps().size(), record.toString());
        assertEquals(64, record.followUps().get(0).path("flags").asInt() & 64, "ephemeral: " + record);
        assertEquals("You have 3 coins.", record.followUps().get(0).path("content").asText());
    }

    @Test
    void anEphemeralAnswerAfterAnEphemeralDeferralIsAnEdit() throws Exception {
        DispatchedInteraction command = deferredBalance(true);
        InteractionEnvelope envelope = envelope(command, null);

        assertEquals(Responded.EDIT,
                responder.respond(envelope, ResponseEncoder.encode(Response.ephemeral("You have 3 coins."))));

        InteractionRecord record = emulator.interaction(command.id());
        assertEquals("You have 3 coins.", record.content());
        assertEquals(64, record.message().path("flags").asInt() & 64, "still ephemeral: " + record);
        assertTrue(record.followUps().isEmpty(), record.toString());
    }

    @Test
    void aRedeliveryOfAReplyDiscordShowsSendsNothing() throws Exception {
        InteractionEnvelope envelope = envelope(ping(), null);
        assertEquals(Responded.CALLBACK, responder.respond(envelope, ResponseEncoder.encode(Response.reply("pong"))));

        assertEquals(Responded.SHOWN_ALREADY,
                responder.respondAgain(envelope, ResponseEncoder.encode(Response.reply("pong")), () -> { }));

        InteractionRecord record = emulator.interaction(envelope.interactionId());
        assertEquals(0, record.edits(), record.toString());
        assertTrue(record.refusals().isEmpty(), "not even a refused callback: " + record);
    }

    @Test
    void aRedeliveryAfterTheGuardsDeferralEditsItOnce() throws Exception {
        InteractionEnvelope envelope = envelope(ping(), null);
        rest.respond(envelope.interactionId(), envelope.token(),
                ResponseEncoder.encode(new Response.DeferredReply(false, null, List.of())).callback());

        // the thinking… is not the answer: the first redelivery sends it, the next one finds it shown
        assertEquals(Responded.EDIT,
                responder.respondAgain(envelope, ResponseEncoder.encode(Response.reply("pong")), () -> { }));
        assertEquals(Responded.SHOWN_ALREADY,
                responder.respondAgain(envelope, ResponseEncoder.encode(Response.reply("pong")), () -> { }));

        InteractionRecord record = emulator.interaction(envelope.interactionId());
        assertEquals("pong", record.content());
        assertEquals(1, record.edits(), "one edit of @original: " + record);
        assertEquals(1, record.refusals().size(), record.toString());
    }

    @Test
    void aRedeliveryNothingWasSentForAnswersWithItsCallback() throws Exception {
        InteractionEnvelope envelope = envelope(ping(), null);

        assertEquals(Responded.CALLBACK,
                responder.respondAgain(envelope, ResponseEncoder.encode(Response.reply("pong")), () -> { }));

        assertEquals("pong", emulator.interaction(envelope.interactionId()).content());
    }

    @Test
    void aRedeliveredReplyToAClickTheGuardDeferredIsNotTakenForTheClickedMessage() throws Exception {
        InteractionEnvelope envelope = clickDeferredByTheGuard(postSharedMessage(emulator.guild(0)));

        // the reply looks like the clicked message, which is still not the reply
        assertEquals(Responded.FOLLOW_UP, responder.respondAgain(envelope,
                ResponseEncoder.encode(Response.reply(sharedMessage())), () -> { }));

        assertEquals(1, emulator.interaction(envelope.interactionId()).followUps().size());
    }

    /** A member runs /ping. */
    private DispatchedInteraction ping() {
        EmulatedGuild guild = emulator.guild(0);
        emulator.registerGlobalCommand("ping");
        return emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of());
    }

    /** A member runs /balance and someone else (the guard) defers it, publicly or ephemerally. */
    private DispatchedInteraction deferredBalance(boolean ephemeral) {
        EmulatedGuild guild = emulator.guild(0);
        emulator.registerGlobalCommand("balance");
        DispatchedInteraction command = emulator.slashCommand(guild, guild.members().get(0), "balance", Map.of());
        InteractionEnvelope envelope = envelope(command, null);
        rest.respond(envelope.interactionId(), envelope.token(),
                ResponseEncoder.encode(new Response.DeferredReply(ephemeral, null, List.of())).callback());
        return command;
    }

    /** A member clicks Join on that message and the gateway's guard acknowledges it with a deferred update. */
    private InteractionEnvelope clickDeferredByTheGuard(String messageId) {
        InteractionEnvelope envelope = envelope(click(messageId), messageId);
        rest.respond(envelope.interactionId(), envelope.token(), ResponseEncoder.encode(Response.deferUpdate()).callback());
        return envelope;
    }

    /** A member clicks Join on that message. */
    private DispatchedInteraction click(String messageId) {
        EmulatedGuild guild = emulator.guild(0);
        return emulator.button(guild, guild.members().get(1), messageId, "signup:join:1");
    }

    /** A message with a Join button in the guild's channel, as the signup bot posts it. */
    private String postSharedMessage(EmulatedGuild guild) {
        ObjectNode body = ResponseEncoder.channelMessage(sharedMessage());
        return rest.post("channels/" + guild.textChannelId() + "/messages", body).path("id").asText();
    }

    private static Message sharedMessage() {
        return Message.text("**Raid** 0/10")
                .withComponents(ActionRow.of(Button.success(io.guildflow.api.CustomId.of("signup", "join:1"), "Join")));
    }

    /** The envelope the gateway would have built from the dispatch. */
    private InteractionEnvelope envelope(DispatchedInteraction interaction, String messageId) {
        ObjectNode raw = JSON.createObjectNode();
        raw.put("id", interaction.id());
        raw.put("token", interaction.token());
        raw.put("type", interaction.type());
        raw.put("guild_id", interaction.guildId());
        raw.put("channel_id", interaction.channelId());
        raw.put("application_id", emulator.applicationId());
        raw.putObject("member").putObject("user").put("id", interaction.userId());
        if (messageId != null) {
            raw.putObject("message").put("id", messageId);
            raw.putObject("data").put("custom_id", interaction.name()).put("component_type", 2);
        } else {
            raw.putObject("data").put("name", interaction.name());
        }
        return InteractionEnvelope.fromDiscord(raw, Instant.now(), 0);
    }
}
