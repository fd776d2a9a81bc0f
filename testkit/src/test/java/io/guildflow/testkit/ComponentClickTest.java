package io.guildflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A click or a select choice is sent only as Discord's client sends it: on a component the message shows, a select's
 * own options within its {@code max_values}; anything else is refused before dispatch, in Java and over HTTP.
 */
@ExtendWith(DiscordEmulatorExtension.class)
class ComponentClickTest {
    private static final String ANSWER = """
            {"type":4,"data":{"flags":%d,"content":"Pick","components":[
              {"type":1,"components":[{"type":3,"custom_id":"color","min_values":1,"max_values":2,"options":[
                {"label":"Red","value":"red"},{"label":"Blue","value":"blue"},{"label":"Green","value":"green"}]}]},
              {"type":1,"components":[{"type":2,"style":1,"label":"Again","custom_id":"again"}]}]}}""";

    private final ControlClient control = new ControlClient();

    /** A message the bot answered a click with, carrying a select and a button; its id. */
    private String answered(DiscordEmulator emulator, int flags) throws Exception {
        EmulatedGuild guild = emulator.guild(0);
        DispatchedInteraction click = emulator.button(guild, guild.members().get(0), "open");
        HttpResponse<String> answer = control.send(emulator, "POST", "/api/v10/interactions/" + click.id() + "/"
                + click.token() + "/callback", ANSWER.formatted(flags));
        assertEquals(204, answer.statusCode(), answer.body());
        return emulator.interaction(click.id()).message().path("id").asText();
    }

    @Test
    void aClickOnAComponentTheMessageDoesNotShowIsRefusedAndNeverDispatched(DiscordEmulator emulator) {
        EmulatedGuild guild = emulator.guild(0);
        EmulatedUser user = guild.members().get(0);
        String plain = emulator.userMessage(guild, user, "no buttons here").id();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> emulator.button(guild, user, plain, "vote:up"));
        assertEquals("message " + plain + " carries no component with custom_id 'vote:up' (Discord's client only"
                + " sends a click on a component the message shows)", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> emulator.prepareButton(guild, user, plain, "vote:up"));
        assertThrows(IllegalArgumentException.class,
                () -> emulator.selectMenu(guild, user, plain, "vote", List.of("up")));
        assertEquals(List.of(), emulator.interactions(), "nothing dispatched");
    }

    @Test
    void aChoiceTakesOnlyTheSelectsOwnOptionsUpToItsMaxValues(DiscordEmulator emulator) throws Exception {
        String message = answered(emulator, 0);
        EmulatedGuild guild = emulator.guild(0);
        EmulatedUser user = guild.members().get(1);
        int before = emulator.interactions().size();

        assertEquals("color", emulator.selectMenu(guild, user, message, "color", List.of("red", "blue")).name());
        assertEquals("again", emulator.button(guild, user, message, "again").name());
        assertEquals(before + 2, emulator.interactions().size());

        assertRefused("select 'color' has no option 'purple' (options: red, blue, green)",
                () -> emulator.selectMenu(guild, user, message, "color", List.of("purple")));
        assertRefused("select 'color' takes 1 to 2 value(s), not 3",
                () -> emulator.selectMenu(guild, user, message, "color", List.of("red", "blue", "green")));
        assertRefused("select 'color' takes 1 to 2 value(s), not 0",
                () -> emulator.selectMenu(guild, user, message, "color", List.of()));
        assertRefused("option 'red' picked twice",
                () -> emulator.selectMenu(guild, user, message, "color", List.of("red", "red")));
        assertRefused("custom_id 'color' is a component of type 3, not a button",
                () -> emulator.button(guild, user, message, "color"));
        assertRefused("custom_id 'again' is a component of type 2, not a string select",
                () -> emulator.selectMenu(guild, user, message, "again", List.of("red")));
        assertEquals(before + 2, emulator.interactions().size(), "no refused choice was dispatched");

        HttpResponse<String> overHttp = control.send(emulator, "POST", "/_emulator/select?message=" + message
                + "&custom_id=color", "[\"purple\"]");
        assertEquals(400, overHttp.statusCode(), overHttp.body());
        assertTrue(overHttp.body().contains("has no option 'purple'"), overHttp.body());
        HttpResponse<String> noSuchButton = control.send(emulator, "POST", "/_emulator/click?message=" + message
                + "&custom_id=nope", null);
        assertEquals(400, noSuchButton.statusCode(), noSuchButton.body());
        assertTrue(noSuchButton.body().contains("carries no component with custom_id 'nope'"), noSuchButton.body());
        assertEquals(before + 2, emulator.interactions().size());
    }

    @Test
    void anEphemeralAnswerIsClickableByItsIdAndCheckedToo(DiscordEmulator emulator) throws Exception {
        String message = answered(emulator, 64);
        HttpResponse<String> click = control.send(emulator, "POST", "/_emulator/click?message=" + message
                + "&custom_id=again", null);
        assertEquals(200, click.statusCode(), click.body());
        HttpResponse<String> wrong = control.send(emulator, "POST", "/_emulator/click?message=" + message
                + "&custom_id=nope", null);
        assertEquals(400, wrong.statusCode(), wrong.body());
    }

    private static void assertRefused(String expected, org.junit.jupiter.api.function.Executable click) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, click);
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
