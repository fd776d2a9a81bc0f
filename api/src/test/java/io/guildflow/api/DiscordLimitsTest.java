package io.guildflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discord's limits fail where the response is built, with a message naming the field. */
class DiscordLimitsTest {

    private static String refusal(Runnable build) {
        return assertThrows(DiscordLimitException.class, build::run).getMessage();
    }

    @Test
    void messageLimits() {
        assertEquals("message content has at most 2000 characters, was 2001",
                refusal(() -> Message.text("x".repeat(2001))));
        assertEquals("a message needs content, an embed or a component", refusal(() -> Message.text("")));
        assertEquals("message embeds must hold 0-10 items, held 11",
                refusal(() -> Message.embeds(Collections.nCopies(11, Embed.of("t", null)).toArray(Embed[]::new))));
        assertEquals("a message's embeds hold at most 6000 characters, held 8192", refusal(() -> Message.embeds(
                Embed.of("t", "d".repeat(4095)), Embed.of("t", "d".repeat(4095)))));
        ActionRow row = ActionRow.of(Button.primary("a", "A"));
        assertEquals("message action rows must hold 0-5 items, held 6",
                refusal(() -> Message.text("x").withComponents(row, row, row, row, row, row)));
    }

    @Test
    void componentLimits() {
        assertEquals("button custom_id has at most 100 characters, was 101",
                refusal(() -> Button.primary("x".repeat(101), "A")));
        assertEquals("an action row holds up to 5 buttons or exactly one select menu or text input",
                refusal(() -> ActionRow.of(SelectMenu.of("s", null, List.of(SelectMenu.Option.of("a", "a"))),
                        Button.primary("b", "B"))));
        assertEquals("custom_id prefix 'a:b' is invalid: 1-50 letters, digits, '.', '-' or '_' (no ':', which starts"
                + " the state)", refusal(() -> CustomId.of("a:b", "")));
        assertEquals("vote:42", CustomId.of("vote", "42"));
        assertEquals("vote", CustomId.prefixOf("vote:42:x"));
        assertEquals("42:x", CustomId.stateOf("vote:42:x"));
    }

    @Test
    void modalChoiceAndCommandLimits() {
        assertEquals("modal title has at most 45 characters, was 46",
                refusal(() -> Modal.of("m", "t".repeat(46), TextInput.shortText("a", "A"))));
        assertEquals("autocomplete choices must hold 0-25 items, held 26",
                refusal(() -> Response.choices(Collections.nCopies(26, Choice.of("a", "a")))));
        assertEquals("command name 'Ping' is invalid: Discord wants 1-32 lowercase letters, digits, '-' or '_'",
                refusal(() -> CommandDefinition.of("Ping", "d")));
        assertEquals("/x: required option 'b' must come before optional ones", refusal(() -> CommandDefinition.of("x",
                "d", OptionDefinition.string("a", "a", false), OptionDefinition.string("b", "b", true))));
        assertEquals("follow-ups must hold 0-5 items, held 6", refusal(() -> {
            Response.WithFollowUps reply = Response.reply("x");
            for (int i = 0; i < 6; i++) {
                reply = reply.andFollowUp(Message.text("f"));
            }
        }));
    }
}
