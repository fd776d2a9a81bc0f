package io.guildflow.example.events;

import static io.guildflow.example.events.StarAddedTest.STAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.model.EmulatedUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A moderator's clears (MESSAGE_REACTION_REMOVE_ALL, and _EMOJI for ⭐: {@link StarEmojiCleared}) empty the stars. */
@ExtendWith(GuildflowBotExtension.class)
class StarsClearedTest {

    @Test
    void clearingAllReactionsOrJustTheStarsSetsThePostToZero(TestBot bot) {
        String board = EventTests.starboard(bot);
        MessageRef all = starredThrice(bot, "cleared whole");
        MessageRef stars = starredThrice(bot, "stars cleared");
        bot.awaitPost(board, p -> p.content().startsWith("⭐ **3**") && p.content().endsWith(stars.id()));

        assertTrue(bot.emulator().removeAllReactions(all.id()));
        assertTrue(bot.emulator().removeEmojiReactions(stars.id(), STAR));
        bot.awaitPost(board, p -> p.content().startsWith("⭐ **0**") && p.content().endsWith(all.id()));
        bot.awaitPost(board, p -> p.content().startsWith("⭐ **0**") && p.content().endsWith(stars.id()));
        assertEquals(0, EventTests.number(bot, "SELECT count(*) FROM starboard_stars"));
        assertEquals(2, bot.posts(board).size());
    }

    private static MessageRef starredThrice(TestBot bot, String content) {
        MessageRef message = bot.message(content);
        for (EmulatedUser member : bot.guild().members()) {
            bot.react(message, member, STAR);
        }
        return message;
    }
}
