package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.recording.InteractionRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Through the real runtime (JDA against the Discord emulator, NATS, PostgreSQL), as Discord records the answer. */
@ExtendWith(GuildflowBotExtension.class)
class HelloCommandTest {

    @Test
    void greetsByName(TestBot bot) {
        InteractionRecord answer = bot.slash("hello", Map.of("name", "Ada"));
        assertEquals(4, answer.acknowledgementType()); // 4: answered with a message
        assertEquals("Hello, Ada!", answer.content());
    }
}
