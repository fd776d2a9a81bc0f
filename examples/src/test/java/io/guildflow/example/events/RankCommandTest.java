package io.guildflow.example.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.model.EmulatedUser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /rank} over what the message counter wrote. */
@ExtendWith(GuildflowBotExtension.class)
class RankCommandTest {

    @Test
    void ranksTheCallerOrTheNamedMemberByMessagesInThisGuild(TestBot bot) {
        EmulatedUser second = bot.guild().members().get(1);
        EmulatedUser silent = bot.guild().members().get(2);
        assertEquals("<@" + bot.member().id() + "> has not written anything here yet.",
                bot.slash("rank").content());
        bot.message(second, bot.guild().textChannelId(), "one");
        bot.message(second, bot.guild().textChannelId(), "two");
        bot.message(second, bot.guild().textChannelId(), "three");
        bot.message("mine");
        EventTests.awaitNumber(bot, 4, "SELECT sum(messages) FROM message_counts");

        assertEquals("<@" + bot.member().id() + "> has written **1** message here: rank #2 of 2.",
                bot.slash("rank").content());
        assertEquals("<@" + second.id() + "> has written **3** messages here: rank #1 of 2.",
                bot.slash("rank", Map.of("member", second)).content());
        assertEquals("<@" + silent.id() + "> has not written anything here yet.",
                bot.slash("rank", Map.of("member", silent)).content());
    }
}
