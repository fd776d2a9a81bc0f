package io.guildflow.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.recording.InteractionRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A handler that only a test module declares is found and served without touching the runtime. */
@ExtendWith(GuildflowBotExtension.class)
class TestOnlyHandlerTest {

    @Test
    void aHandlerFromTheTestSourcesIsServed(TestBot bot) {
        InteractionRecord echo = bot.slash("echo", Map.of("text", "only in tests"));
        assertEquals(4, echo.acknowledgementType());
        assertEquals("only in tests", echo.content());
    }
}
