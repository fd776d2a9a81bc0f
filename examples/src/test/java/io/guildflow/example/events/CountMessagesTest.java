package io.guildflow.example.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.model.EmulatedUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MESSAGE_CREATE end to end: one row per member and guild, one more per message, none for bots. */
@ExtendWith(GuildflowBotExtension.class)
class CountMessagesTest {
    private static final String COUNT = "SELECT messages FROM message_counts WHERE guild_id = ? AND user_id = ?";

    @Test
    void countsEachMembersMessagesOnceAndNeitherEditsDeletesNorTheBotsOwnPosts(TestBot bot) {
        String guild = bot.guild().id();
        EmulatedUser other = bot.guild().members().get(1);
        MessageRef first = bot.message("hello");
        bot.message("second");
        bot.message(other, bot.guild().textChannelId(), "hi all");
        bot.edit(first, "hello, edited");
        bot.delete(first);
        // The bot's own post (a welcome) comes back to it as a MESSAGE_CREATE by a bot: not activity.
        String welcome = bot.createChannel("welcome");
        EventTests.configure(bot, "welcome_channel", welcome);
        bot.join("newcomer");
        bot.awaitPost(welcome, post -> true);

        EventTests.awaitEverythingBefore(bot);
        assertEquals(2, EventTests.number(bot, COUNT, guild, bot.member().id()),
                "an edit or a delete is no new message");
        assertEquals(1, EventTests.number(bot, COUNT, guild, other.id()));
        assertEquals(0, EventTests.number(bot, "SELECT count(*) FROM message_counts WHERE user_id = ?",
                bot.emulator().applicationId()), "the bot's own welcome is not counted");
    }
}
