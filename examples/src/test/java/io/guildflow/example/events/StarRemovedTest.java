package io.guildflow.example.events;

import static io.guildflow.example.events.StarAddedTest.STAR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.recording.BotPost;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MESSAGE_REACTION_REMOVE end to end: the post follows the stars down and up again, and is never made twice. */
@ExtendWith(GuildflowBotExtension.class)
class StarRemovedTest {

    @Test
    void takingAStarBackEditsThePostAndStarringAgainNeverPostsASecondTime(TestBot bot) {
        String board = EventTests.starboard(bot);
        List<EmulatedUser> members = bot.guild().members();
        MessageRef message = bot.message("contested");
        members.forEach(member -> bot.react(message, member, STAR));
        bot.awaitPost(board, p -> p.content().startsWith("⭐ **3**"));

        bot.unreact(message, members.get(1), STAR);
        bot.awaitPost(board, p -> p.content().startsWith("⭐ **2**"));
        bot.unreact(message, members.get(2), STAR);
        bot.react(message, members.get(1), STAR);
        bot.react(message, members.get(2), STAR);
        BotPost post = bot.awaitPost(board, p -> p.contents().size() >= 3 && p.content().startsWith("⭐ **3**"));
        EventTests.awaitEverythingBefore(bot);
        assertEquals(1, bot.posts(board).size(), "one post whatever the stars did: " + bot.posts(board));
        assertEquals(3, EventTests.number(bot, "SELECT stars FROM starboard_posts WHERE message_id = ?",
                message.id()), "what the post shows: " + post.contents());
    }
}
