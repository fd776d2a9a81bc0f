package io.guildflow.example.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.recording.BotPost;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MESSAGE_REACTION_ADD end to end: the starboard post is made once, at the threshold, and edited after. */
@ExtendWith(GuildflowBotExtension.class)
class StarAddedTest {
    static final Emoji STAR = Emoji.unicode("⭐");

    @Test
    void aMessageReachingThreeStarsIsPostedOnceAndItsCountEditedAfter(TestBot bot) {
        String board = EventTests.starboard(bot);
        List<EmulatedUser> members = bot.guild().members();
        MessageRef message = bot.message("a good one");
        bot.react(message, members.get(0), STAR);
        bot.react(message, members.get(1), STAR);
        bot.react(message, members.get(2), Emoji.unicode("👍"));
        EventTests.awaitEverythingBefore(bot);
        assertEquals(List.of(), bot.posts(board), "two stars and a thumb are not three stars");

        bot.react(message, members.get(2), STAR);
        BotPost post = bot.awaitPost(board, p -> p.content().startsWith("⭐ **3**"));
        assertEquals("⭐ **3** in <#" + message.channelId() + "> by <@" + bot.member().id() + ">\n"
                + "https://discord.com/channels/" + bot.guild().id() + "/" + message.channelId() + "/"
                + message.id(), post.content());

        bot.react(message, bot.join("fan").user(), STAR);
        bot.awaitPost(board, p -> p.content().startsWith("⭐ **4**"));
        EventTests.awaitEverythingBefore(bot);
        assertEquals(1, bot.posts(board).size(), "posted once, then edited: " + bot.posts(board));
        assertEquals(4, EventTests.number(bot, "SELECT count(*) FROM starboard_stars WHERE message_id = ?",
                message.id()));
    }

    @Test
    void theThresholdComesFromTheGuildsConfigurationAndNoChannelMeansNoPost(TestBot bot) {
        MessageRef unboarded = bot.message("before the starboard existed");
        bot.react(unboarded, bot.guild().members().get(1), STAR);
        bot.react(unboarded, bot.guild().members().get(2), STAR);
        bot.react(unboarded, bot.member(), STAR);
        EventTests.awaitEverythingBefore(bot);
        assertEquals(0, EventTests.number(bot, "SELECT count(*) FROM starboard_posts"), "no channel, no post");

        String board = EventTests.starboard(bot);
        EventTests.configure(bot, "starboard_threshold", "2");
        MessageRef message = bot.message("two will do");
        bot.react(message, bot.guild().members().get(1), STAR);
        bot.react(message, bot.guild().members().get(2), STAR);
        bot.awaitPost(board, p -> p.content().startsWith("⭐ **2**") && p.content().endsWith(message.id()));
    }
}
