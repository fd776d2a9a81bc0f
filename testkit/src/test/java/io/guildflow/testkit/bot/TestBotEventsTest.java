package io.guildflow.testkit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.gateway.Intents;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TestBot's event methods against an emulator alone (no runtime: what a bot does about the events is the bot's
 * end-to-end test): each makes its event happen in the test guild and returns the ids it made.
 */
class TestBotEventsTest {
    private DiscordEmulator emu;
    private TestBot bot;

    @BeforeEach
    void start() {
        emu = DiscordEmulator.builder().guilds(1).privilegedIntents(Intents.PRIVILEGED).build().start();
        bot = new TestBot(emu, new TestWorld(Map.of()));
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void aMessageItsEditReactionsAndDeletion() {
        MessageRef sent = bot.message("hello");
        assertEquals(bot.member().id(), sent.authorId());
        assertEquals(bot.guild().textChannelId(), sent.channelId());
        assertEquals(bot.guild().id(), sent.guildId());
        bot.edit(sent, "hello again");
        assertEquals("hello again", emu.message(sent.id()).path("content").asText());
        EmulatedUser other = bot.guild().members().get(1);
        assertEquals(1, bot.react(sent, other, Emoji.unicode("⭐")).count());
        assertEquals(0, bot.unreact(sent, other, Emoji.unicode("⭐")).count());
        bot.delete(sent);
        assertThrows(NoSuchElementException.class, () -> emu.message(sent.id()));
        List<MessageRef> two = List.of(bot.message("one"), bot.message(other, bot.guild().textChannelId(), "two"));
        bot.bulkDelete(two);
        assertTrue(emu.messages(bot.guild().textChannelId(), 10).isEmpty());
    }

    @Test
    void membersChannelsAndRoles() {
        GuildMember carol = bot.join("carol");
        assertTrue(bot.guild().members().contains(carol.user()));
        bot.leave(carol.user());
        assertFalse(bot.guild().members().contains(carol.user()));
        EmulatedUser other = bot.guild().members().get(1);
        bot.ban(other);
        assertFalse(bot.guild().members().contains(other));
        String channel = bot.createChannel("starboard");
        assertTrue(bot.guild().channels().contains(channel));
        String role = bot.createRole("stars");
        assertTrue(emu.roles(bot.guild()).stream().anyMatch(r -> r.path("id").asText().equals(role)));
    }

    @Test
    void postsAreWhatTheBotPostedInAChannel() throws Exception {
        String channel = bot.createChannel("starboard");
        assertTrue(bot.posts(channel).isEmpty());
        HttpRequest post = HttpRequest.newBuilder(URI.create(emu.apiUrl() + "/channels/" + channel + "/messages"))
                .header("Authorization", "Bot " + emu.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"⭐ 3\"}")).build();
        assertEquals(200, HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals("⭐ 3", bot.awaitPost(channel, p -> p.content().startsWith("⭐")).content());
        assertEquals(1, bot.posts(channel).size());
    }

    @Test
    void theRuntimeIsToldWhichPrivilegedIntentsTheApplicationMayUse() {
        assertEquals("GUILD_MEMBERS,GUILD_PRESENCES,MESSAGE_CONTENT",
                EmulatorSettings.of(emu).get("DISCORD_PRIVILEGED_INTENTS"));
        try (DiscordEmulator some = DiscordEmulator.builder().privilegedIntents(Intents.MESSAGE_CONTENT).build()
                .start(); DiscordEmulator none = DiscordEmulator.builder().build().start()) {
            assertEquals("MESSAGE_CONTENT", EmulatorSettings.of(some).get("DISCORD_PRIVILEGED_INTENTS"));
            assertFalse(EmulatorSettings.of(none).containsKey("DISCORD_PRIVILEGED_INTENTS"));
        }
    }
}
