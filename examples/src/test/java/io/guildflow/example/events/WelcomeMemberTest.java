package io.guildflow.example.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.model.GuildMember;
import io.guildflow.testkit.recording.BotPost;
import io.guildflow.testkit.recording.RestCall;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GUILD_MEMBER_ADD end to end: the emulator's join, through gateway, event stream and worker, to the outbox post. */
@ExtendWith(GuildflowBotExtension.class)
class WelcomeMemberTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void welcomesEachNewMemberOnceInTheWelcomeOrTheBotsChannelAndNowhereWithoutOne(TestBot bot) throws Exception {
        GuildMember unwelcomed = bot.join("early");
        EventTests.awaitEverythingBefore(bot);
        // setup --channel's channel serves until a welcome channel of its own is set
        String botChannel = bot.createChannel("bot-logs");
        EventTests.configure(bot, "channel", botChannel);
        GuildMember carol = bot.join("carol");
        bot.awaitPost(botChannel,
                p -> p.content().equals("Welcome to the server, <@" + carol.user().id() + ">!"));
        String welcome = bot.createChannel("welcome");
        EventTests.configure(bot, "welcome_channel", welcome);

        GuildMember ada = bot.join("ada");
        BotPost post = bot.awaitPost(welcome, p -> p.content().contains(ada.user().id()));
        assertEquals("Welcome to the server, <@" + ada.user().id() + ">!", post.content());
        String sent = bot.emulator().restCalls("POST", "/channels/{channel.id}/messages").stream()
                .map(RestCall::requestBody).filter(body -> body.contains(ada.user().id()))
                .findFirst().orElseThrow();
        assertEquals("[\"" + ada.user().id() + "\"]", JSON.readTree(sent).path("allowed_mentions").path("users")
                .toString(), "pings the newcomer only: " + sent);

        EventTests.configure(bot, "welcome_message", "Hi {user}, read #rules first.");
        GuildMember bob = bot.join("bob");
        bot.awaitPost(welcome, p -> p.content().equals("Hi <@" + bob.user().id() + ">, read #rules first."));
        EventTests.awaitEverythingBefore(bot);
        List<String> welcomed = bot.posts(welcome).stream().map(BotPost::content).toList();
        assertEquals(2, welcomed.size(), "each join welcomed once: " + welcomed);
        assertTrue(bot.emulator().restCalls("POST", "/channels/{channel.id}/messages").stream()
                .noneMatch(call -> call.requestBody().contains(unwelcomed.user().id())),
                "no channel, no welcome");
    }
}
