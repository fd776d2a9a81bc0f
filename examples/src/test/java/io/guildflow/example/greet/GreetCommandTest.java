package io.guildflow.example.greet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.recording.InteractionRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GuildflowBotExtension.class)
class GreetCommandTest {
    @Test
    void greetsRemembersAndWavesBack(TestBot bot) throws Exception {
        InteractionRecord answer = bot.slash("greet", Map.of("name", "Ada"));
        assertEquals("Hello, Ada!", answer.content());

        // the bot's own table, in this test's own schema
        try (Connection db = bot.database();
             ResultSet row = db.createStatement().executeQuery("SELECT user_id, name FROM greetings")) {
            assertTrue(row.next());
            assertEquals(bot.member().id(), row.getString("user_id"));
            assertEquals("Ada", row.getString("name"));
        }

        // the member types "A" into the name option: the names greeted before are offered
        InteractionRecord typed = bot.autocomplete("greet", "name", "A");
        assertEquals(8, typed.acknowledgementType());
        assertEquals("Ada", typed.callbackData().path("choices").get(0).path("value").asText());

        // a click on the greeting's "Wave back" button updates the message in place
        InteractionRecord wave = bot.button("wave:Ada");
        assertEquals(bot.member().mention() + " waves back at Ada", wave.content());
    }
}
