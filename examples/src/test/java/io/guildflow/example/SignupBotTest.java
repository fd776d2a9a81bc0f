package io.guildflow.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testkit.recording.RestCall;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The signup bot end to end: real JDA, NATS, worker and PostgreSQL against the Discord emulator. */
@ExtendWith(GuildflowBotExtension.class)
class SignupBotTest {
    private static final String MESSAGES = "/channels/{channel.id}/messages";
    private static final String MESSAGE = "/channels/{channel.id}/messages/{message.id}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createPostsTheSignupMessageOnceWithItsButtonsAndListAndAutocompleteShowIt(TestBot bot) throws Exception {
        InteractionRecord created = bot.slash("signup create", Map.of("title", "Raid night", "slots", 2, "closes_in", 60));
        assertEquals("Signup #1 is open.", created.content());
        List<RestCall> posts = awaitCalls(bot, "POST", MESSAGES, 1);
        JsonNode post = JSON.readTree(posts.get(0).requestBody());
        assertTrue(post.path("content").asText().startsWith("**Raid night** — 0/2 joined"), post.toString());
        assertEquals("signup:join:1", post.path("components").get(0).path("components").get(0).path("custom_id").asText());
        assertTrue(post.path("enforce_nonce").asBoolean() && post.path("nonce").asText().length() == 25, post.toString());

        assertTrue(bot.slash("signup list").content().startsWith("#1 **Raid night** 0/2"));
        InteractionRecord typed = bot.autocomplete("signup show", "signup", "Ra");
        assertEquals(8, typed.acknowledgementType());
        RestCall choices = bot.emulator().restCalls("POST", "/interactions/{interaction.id}/{interaction.token}/callback")
                .stream().filter(call -> call.path().contains(typed.token())).findFirst().orElseThrow();
        assertEquals("{\"choices\":[{\"name\":\"#1 Raid night\",\"value\":\"1\"}]}",
                JSON.readTree(choices.requestBody()).path("data").toString());
        assertEquals(1, count(bot, "SELECT count(*) FROM signups WHERE guild_id = '" + bot.guild().id() + "'"));
    }

    @Test
    void joinOnceLeaveAndAFullSignupRefusesPolitely(TestBot bot) throws Exception {
        bot.slash("signup create", Map.of("title", "Duo", "slots", 1, "closes_in", 60));
        InteractionRecord joined = bot.button("signup:join:1");
        assertEquals("You joined **Duo**.", joined.content());
        assertEquals(5, joined.acknowledgementType(), "deferred by the gateway on arrival: " + joined);
        assertEquals(64, joined.callbackData().path("flags").asInt() & 64, "privately: " + joined);
        assertEquals(64, joined.message().path("flags").asInt() & 64, "the answer stays private: " + joined);
        assertEquals("You are already in **Duo**.", bot.button("signup:join:1").content());

        var other = bot.guild().members().get(1);
        var refused = bot.emulator().awaitResponse(
                bot.emulator().button(bot.guild(), other, "signup:join:1").id(), TestBot.TIMEOUT);
        assertEquals("Sorry, **Duo** is full.", refused.content());
        assertEquals(1, count(bot, "SELECT joined FROM signups"));

        assertEquals("You left **Duo**.", bot.button("signup:leave:1").content());
        assertEquals(0, count(bot, "SELECT joined FROM signups"));
        List<RestCall> edits = awaitCalls(bot, "PATCH", MESSAGE, 1);
        assertTrue(JSON.readTree(edits.get(edits.size() - 1).requestBody()).path("content").asText()
                .startsWith("**Duo** — "), "the signup message shows the count");
        assertEquals(1, bot.emulator().restCalls("POST", MESSAGES).size(), "posted once");
    }

    @Test
    void theTitleFormRenamesTheSignupAndEditsItsMessage(TestBot bot) throws Exception {
        bot.slash("signup create", Map.of("title", "Old", "slots", 3, "closes_in", 60));
        InteractionRecord form = bot.button("signup-edit:1");
        assertEquals(9, form.acknowledgementType(), "a form, never deferred: " + form);
        assertEquals("Renamed to **New**.", bot.modal("signup-title:1", Map.of("title", "New")).content());
        awaitCalls(bot, "PATCH", MESSAGE, 1);
        assertTrue(lastEdit(bot).startsWith("**New** — 0/3"), lastEdit(bot));
    }

    @Test
    void anEditTitleButtonOfAnOlderMessageIsReplacedByTodaysButtons(TestBot bot) throws Exception {
        bot.slash("signup create", Map.of("title", "Old", "slots", 3, "closes_in", 60));
        InteractionRecord click = bot.button("signup:title:1");
        assertTrue(click.content().startsWith("This button was out of date"), click.toString());
        List<RestCall> edits = awaitCalls(bot, "PATCH", MESSAGE, 1);
        JsonNode buttons = JSON.readTree(edits.get(edits.size() - 1).requestBody()).path("components").get(0)
                .path("components");
        assertEquals("signup-edit:1", buttons.get(2).path("custom_id").asText(), buttons.toString());
    }

    @Test
    void theCloserJobClosesExpiredSignupsAndEditsTheirMessages(TestBot bot) throws Exception {
        // Three channels, four signups each: Discord's 5 posts (and 5 edits) per channel in 5 s never make this wait.
        List<String> channels = List.of(bot.guild().textChannelId(), bot.createChannel("events-2"),
                bot.createChannel("events-3"));
        for (int i = 0; i < 12; i++) {
            bot.emulator().slashCommand(bot.guild(), channels.get(i % 3), bot.member(), "signup create",
                    Map.of("title", "S" + i, "slots", 1, "closes_in", 60));
        }
        awaitCalls(bot, "POST", MESSAGES, 12);
        execute(bot, "UPDATE signups SET closes_at = now() - interval '1 second' WHERE id <= 11");
        bot.emulator().awaitCondition(() -> count(bot, "SELECT count(*) FROM signups WHERE closed") == 11,
                Duration.ofSeconds(30));
        awaitCalls(bot, "PATCH", MESSAGE, 11);
        assertEquals(0, count(bot, "SELECT count(*) FROM signups WHERE id = 12 AND closed"));
        String late = bot.button("signup:join:1").content();
        assertTrue(late.endsWith("is closed."), late);
    }

    private static String lastEdit(TestBot bot) throws Exception {
        List<RestCall> edits = bot.emulator().restCalls("PATCH", MESSAGE);
        return JSON.readTree(edits.get(edits.size() - 1).requestBody()).path("content").asText();
    }

    private static List<RestCall> awaitCalls(TestBot bot, String method, String route, int atLeast) {
        bot.emulator().awaitCondition(() -> bot.emulator().restCalls(method, route).stream()
                .filter(call -> call.status() < 300).count() >= atLeast, Duration.ofSeconds(30));
        return bot.emulator().restCalls(method, route);
    }

    private static long count(TestBot bot, String sql) {
        try (Connection connection = bot.database(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void execute(TestBot bot, String sql) throws SQLException {
        try (Connection connection = bot.database(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
