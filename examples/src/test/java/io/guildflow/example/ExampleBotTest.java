package io.guildflow.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testkit.recording.RestCall;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One interaction of each kind through the real runtime (JDA, NATS JetStream, worker, PostgreSQL)
 * against the Discord emulator, checked as Discord records it: the route, the callback type, the body.
 */
@ExtendWith(GuildflowBotExtension.class)
class ExampleBotTest {
    private static final String CALLBACK = "/interactions/{interaction.id}/{interaction.token}/callback";
    private static final String ORIGINAL = "/webhooks/{webhook.id}/{webhook.token}/messages/@original";
    private static final String FOLLOW_UP = "/webhooks/{webhook.id}/{webhook.token}";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body of the one call of this interaction on this route (tokens tell interactions apart). */
    private static JsonNode body(TestBot bot, InteractionRecord record, String method, String route) throws Exception {
        List<RestCall> calls = bot.emulator().restCalls(method, route).stream()
                .filter(call -> call.path().contains(record.token())).toList();
        assertEquals(1, calls.size(), method + " " + route + " calls for interaction " + record.id());
        assertTrue(calls.get(0).status() < 300, "Discord accepted it: " + calls.get(0).responseBody());
        return JSON.readTree(calls.get(0).requestBody());
    }

    private static void answeredOnceInTime(InteractionRecord record) {
        assertEquals(1, record.acceptedAcknowledgements());
        assertEquals(0, record.refusedAcknowledgements());
        assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                "acknowledged after " + record.acknowledgementLatency());
    }

    @Test
    void slashCommandRepliesWithAMessage(TestBot bot) throws Exception {
        InteractionRecord ping = bot.slash("ping");
        answeredOnceInTime(ping);
        assertEquals(4, ping.acknowledgementType());
        assertTrue(ping.content().startsWith("pong (gateway → worker "), ping.content());
        assertEquals(0, body(bot, ping, "POST", CALLBACK).path("data").path("allowed_mentions").path("parse").size());
    }

    @Test
    void subcommandWithOptionsRepliesWithAnEmbedAndComponents(TestBot bot) throws Exception {
        InteractionRecord color = bot.slash("color show", Map.of("name", "blue"));
        answeredOnceInTime(color);
        JsonNode data = body(bot, color, "POST", CALLBACK).path("data");
        assertEquals("blue", data.path("embeds").get(0).path("title").asText());
        assertEquals(0x3498DB, data.path("embeds").get(0).path("color").asInt());
        JsonNode button = data.path("components").get(0).path("components").get(0);
        assertEquals("like:blue", button.path("custom_id").asText());
        assertEquals("blue", color.embeds().get(0).path("title").asText(), "the message Discord shows");
    }

    @Test
    void autocompleteSuggestsChoices(TestBot bot) throws Exception {
        InteractionRecord typed = bot.autocomplete("color show", "name", "bl");
        answeredOnceInTime(typed);
        assertEquals(8, typed.acknowledgementType());
        assertEquals("{\"choices\":[{\"name\":\"blue\",\"value\":\"blue\"}]}",
                body(bot, typed, "POST", CALLBACK).path("data").toString());
    }

    @Test
    void buttonUpdatesItsMessageAndCarriesStateInItsId(TestBot bot) throws Exception {
        InteractionRecord like = bot.button("like:green");
        answeredOnceInTime(like);
        assertEquals(7, like.acknowledgementType());
        assertEquals("<@" + bot.member().id() + "> likes green", like.content());
    }

    @Test
    void selectMenuDefersTheUpdateThenEditsAndFollowsUp(TestBot bot) throws Exception {
        InteractionRecord select = bot.select("color-menu", List.of("red"));
        answeredOnceInTime(select);
        assertEquals(6, select.acknowledgementType());
        select = bot.await(select, r -> r.followUps().size() == 1);
        assertEquals("Chosen: red", body(bot, select, "PATCH", ORIGINAL).path("content").asText());
        assertEquals("Chosen: red", select.content());
        JsonNode followUp = body(bot, select, "POST", FOLLOW_UP);
        assertEquals("Good choice!", followUp.path("content").asText());
        assertEquals(64, followUp.path("flags").asInt(), "the follow-up is ephemeral");
    }

    @Test
    void slashCommandOpensAModalAndItsSubmissionIsAnswered(TestBot bot) throws Exception {
        InteractionRecord feedback = bot.slash("feedback");
        answeredOnceInTime(feedback);
        assertEquals(9, feedback.acknowledgementType());
        JsonNode modal = body(bot, feedback, "POST", CALLBACK).path("data");
        assertTrue(modal.path("custom_id").asText().startsWith("feedback:"), modal.toString());
        assertEquals("name", modal.path("components").get(0).path("components").get(0).path("custom_id").asText());

        InteractionRecord submitted = bot.modal(modal.path("custom_id").asText(), Map.of("name", "Ada", "text", "nice"));
        answeredOnceInTime(submitted);
        assertEquals(4, submitted.acknowledgementType());
        JsonNode reply = body(bot, submitted, "POST", CALLBACK).path("data");
        assertEquals("Thanks, Ada!", reply.path("content").asText());
        assertEquals(64, reply.path("flags").asInt());
    }

    @Test
    void userCommandPingsOnlyItsTarget(TestBot bot) throws Exception {
        var target = bot.guild().members().get(1);
        InteractionRecord highFive = bot.userCommand("High five", target);
        answeredOnceInTime(highFive);
        JsonNode data = body(bot, highFive, "POST", CALLBACK).path("data");
        assertEquals("<@" + bot.member().id() + "> high-fives <@" + target.id() + ">", data.path("content").asText());
        assertEquals("[\"" + target.id() + "\"]", data.path("allowed_mentions").path("users").toString());
    }

    @Test
    void messageCommandDefersThenEditsAndStoresInTheTransaction(TestBot bot) throws Exception {
        InteractionRecord quote = bot.messageCommand("Quote");
        answeredOnceInTime(quote);
        assertEquals(5, quote.acknowledgementType());
        quote = bot.await(quote, r -> r.edits() == 1);
        assertTrue(quote.content().startsWith("> a message by "), quote.content());
        assertTrue(body(bot, quote, "PATCH", ORIGINAL).path("content").asText().startsWith("> a message by "));
        try (var connection = bot.database(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM example_quotes")) {
            rows.next();
            assertEquals(1, rows.getLong(1));
        }
    }
}
