package io.guildflow.testkit.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DiscordEmulatorExtension;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.PreparedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testkit.recording.RestCall;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.UserContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every interaction type reaches the real JDA as the matching event, and each callback path arrives back. */
@ExtendWith(DiscordEmulatorExtension.class)
class InteractionTypesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ScriptedBot bot = new ScriptedBot();
    private DiscordEmulator emu;
    private JDA jda;
    private EmulatedGuild guild;
    private EmulatedUser user;

    @BeforeEach
    void connect(DiscordEmulator emulator) {
        emu = emulator;
        for (String name : new String[] {"signup", "slow", "defer-followup", "multi", "form", "ping"}) {
            emu.registerGlobalCommand(name);
        }
        emu.registerGlobalCommand("Inspect", 2);
        emu.registerGlobalCommand("Quote", 3);
        jda = JdaHarness.connect(emu, bot);
        guild = emu.guild(0);
        user = guild.members().get(0);
    }

    @AfterEach
    void disconnect() {
        JdaHarness.shutdown(jda);
    }

    private <T> T event(DispatchedInteraction i, Class<T> type) {
        return assertInstanceOf(type, bot.lastEvent.get(i.id()));
    }

    @Test
    void slashCommandWithSubcommandAndOptions() {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("name", "Ada");
        opts.put("age", 36);
        opts.put("notify", true);
        opts.put("buddy", guild.members().get(1));
        DispatchedInteraction i = emu.slashCommand(guild, user, "signup create", opts);
        InteractionRecord r = emu.awaitResponse(i.id(), WAIT);
        assertEquals("signup create: name=Ada, age=36, notify=true, buddy=" + guild.members().get(1).username(),
                r.content());
        SlashCommandInteractionEvent e = event(i, SlashCommandInteractionEvent.class);
        assertEquals("create", e.getSubcommandName());
        assertEquals(guild.id(), e.getGuild().getId());
        assertEquals(user.snowflake(), e.getUser().getIdLong());
    }

    @Test
    void deferReplyThenEditOriginal() {
        DispatchedInteraction i = emu.slashCommand(guild, user, "slow", Map.of());
        InteractionRecord r = emu.awaitResponse(i.id(), WAIT);
        assertEquals(5, r.acknowledgementType());
        assertEquals("done slowly", r.content());
        assertEquals(1, r.edits());
        RestCall edit = emu.restCalls("PATCH", "/webhooks/{webhook.id}/{webhook.token}/messages/@original").get(0);
        assertEquals(200, edit.status());
        assertTrue(edit.path().contains(i.token()));
    }

    @Test
    void deferReplyThenFollowUpEditsTheLoadingMessage() {
        DispatchedInteraction i = emu.slashCommand(guild, user, "defer-followup", Map.of());
        InteractionRecord r = emu.awaitResponse(i.id(), WAIT);
        assertEquals(5, r.acknowledgementType());
        assertEquals("sent via follow-up", r.content());
        assertTrue(r.followUps().isEmpty());
    }

    @Test
    void replyThenFollowUp() {
        DispatchedInteraction i = emu.slashCommand(guild, user, "multi", Map.of());
        emu.awaitResponse(i.id(), WAIT);
        InteractionRecord r = awaitFollowUps(i, 1);
        assertEquals("first", r.content());
        assertEquals("follow-up", r.followUps().get(0).path("content").asText());
        assertEquals(1, emu.restCalls("POST", "/webhooks/{webhook.id}/{webhook.token}").size());
    }

    @Test
    void slashCommandOpensModalAndModalSubmitIsAnswered() {
        DispatchedInteraction open = emu.slashCommand(guild, user, "form", Map.of());
        InteractionRecord r = emu.awaitResponse(open.id(), WAIT);
        assertEquals(9, r.acknowledgementType());
        assertEquals("signup-form", r.callbackData().path("custom_id").asText());
        assertNull(r.content());

        DispatchedInteraction submit = emu.modalSubmit(guild, user, "signup-form", Map.of("name", "Grace"));
        assertEquals("hello Grace", emu.awaitResponse(submit.id(), WAIT).content());
        assertEquals("signup-form", event(submit, ModalInteractionEvent.class).getModalId());
    }

    @Test
    void userAndMessageContextMenus() {
        EmulatedUser target = guild.members().get(2);
        DispatchedInteraction u = emu.userCommand(guild, user, "Inspect", target);
        assertEquals("user " + target.username(), emu.awaitResponse(u.id(), WAIT).content());
        assertEquals(target.snowflake(), event(u, UserContextInteractionEvent.class).getTarget().getIdLong());

        DispatchedInteraction m = emu.messageCommand(guild, user, "Quote");
        assertEquals("quote: a message by " + user.username(), emu.awaitResponse(m.id(), WAIT).content());
        assertEquals("Quote", event(m, MessageContextInteractionEvent.class).getName());
    }

    @Test
    void buttonsEditOrDeferEditTheirMessage() {
        DispatchedInteraction edit = emu.button(guild, user, "edit");
        InteractionRecord r = emu.awaitResponse(edit.id(), WAIT);
        assertEquals(7, r.acknowledgementType());
        assertEquals("edited by button", r.content());
        assertEquals("edit", event(edit, ButtonInteractionEvent.class).getComponentId());

        DispatchedInteraction later = emu.button(guild, user, "later");
        InteractionRecord r2 = emu.awaitResponse(later.id(), WAIT);
        assertEquals(6, r2.acknowledgementType());
        assertEquals("edited after deferEdit", r2.content());

        DispatchedInteraction silent = emu.button(guild, user, "silent");
        InteractionRecord r3 = emu.awaitAcknowledged(silent.id(), WAIT);
        assertEquals(6, r3.acknowledgementType());
        assertEquals("Click", r3.content());
    }

    @Test
    void clicksMadeInOneOrderCanBeDispatchedInAnother() {
        // the first click lands on a fresh bot message carrying the button: the prepared ones click it again
        DispatchedInteraction first = emu.button(guild, user, "silent");
        String messageId = emu.awaitAcknowledged(first.id(), WAIT).message().path("id").asText();
        PreparedInteraction earlier = emu.prepareButton(guild, user, messageId, "silent");
        PreparedInteraction later = emu.prepareButton(guild, user, messageId, "silent");
        assertTrue(Long.compareUnsigned(Long.parseUnsignedLong(earlier.id()), Long.parseUnsignedLong(later.id())) < 0,
                "snowflakes in the order the clicks were made");

        DispatchedInteraction laterDispatched = later.dispatch();
        assertEquals(6, emu.awaitAcknowledged(laterDispatched.id(), WAIT).acknowledgementType());
        assertTrue(emu.interaction(earlier.id()).acknowledgementType() == null, "not dispatched yet");
        DispatchedInteraction earlierDispatched = earlier.dispatch();
        assertEquals(6, emu.awaitAcknowledged(earlierDispatched.id(), WAIT).acknowledgementType());
        assertEquals(messageId, event(earlierDispatched, ButtonInteractionEvent.class).getMessageId());
        assertThrows(IllegalStateException.class, later::dispatch, "dispatched once");
    }

    @Test
    void stringSelectMenu() {
        DispatchedInteraction i = emu.selectMenu(guild, user, "color", List.of("red", "blue"));
        assertEquals("chosen red,blue", emu.awaitResponse(i.id(), WAIT).content());
        assertEquals(List.of("red", "blue"), event(i, StringSelectInteractionEvent.class).getValues());
    }

    @Test
    void autocompleteAnswersChoices() {
        DispatchedInteraction i = emu.autocomplete(guild, user, "signup create", "team", "al");
        InteractionRecord r = emu.awaitResponse(i.id(), WAIT);
        assertEquals(8, r.acknowledgementType());
        assertEquals(2, r.callbackData().path("choices").size());
        assertEquals("alpha", r.callbackData().path("choices").get(0).path("name").asText());
        assertEquals("team", event(i, CommandAutoCompleteInteractionEvent.class).getFocusedOption().getName());
    }

    @Test
    void directMessageInteractions() {
        DispatchedInteraction s = emu.dmSlashCommand(user, "ping", Map.of());
        assertEquals("pong", emu.awaitResponse(s.id(), WAIT).content());
        SlashCommandInteractionEvent e = event(s, SlashCommandInteractionEvent.class);
        assertFalse(e.isFromGuild());
        assertNull(s.guildId());

        DispatchedInteraction b = emu.dmButton(user, "edit");
        assertEquals("edited by button", emu.awaitResponse(b.id(), WAIT).content());
        DispatchedInteraction m = emu.dmModalSubmit(user, "signup-form", Map.of("name", "Linus"));
        assertEquals("hello Linus", emu.awaitResponse(m.id(), WAIT).content());
    }

    private InteractionRecord awaitFollowUps(DispatchedInteraction i, int n) {
        // the state changes inside the REST handler; the call is recorded just after: wait for both
        emu.awaitCondition(() -> emu.interaction(i.id()).followUps().size() >= n
                && emu.restCalls("POST", "/webhooks/{webhook.id}/{webhook.token}").size() >= n, WAIT);
        return emu.interaction(i.id());
    }
}
