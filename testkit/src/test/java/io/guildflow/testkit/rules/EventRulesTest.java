package io.guildflow.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.recording.BotPost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Discord would not let happen is refused with a clear message, and changes nothing. */
class EventRulesTest {
    private DiscordEmulator emu;
    private EmulatedGuild guild;
    private EmulatedUser owner;
    private EmulatedUser ada;
    private Http http;

    @BeforeEach
    void start() {
        emu = DiscordEmulator.builder().globalRateLimit(0).routeRateLimits(false).build().start();
        guild = emu.guild(0);
        owner = guild.members().get(0);
        ada = guild.members().get(1);
        http = new Http(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void onlyMembersWriteAndReactAndOnlyTheAuthorEdits() {
        EmulatedUser stranger = emu.memberJoin(guild, "stranger").user();
        emu.memberLeave(guild, stranger);
        NoSuchElementException notMember = assertThrows(NoSuchElementException.class,
                () -> emu.userMessage(guild, stranger, "hi"));
        assertTrue(notMember.getMessage().contains("stranger is not a member"), notMember.getMessage());
        MessageRef sent = emu.userMessage(guild, ada, "hi");
        assertThrows(NoSuchElementException.class, () -> emu.addReaction(sent.id(), stranger, Emoji.unicode("👍")));
        assertEquals(0, emu.reactionCount(sent.id(), Emoji.unicode("👍")));
        NoSuchElementException unknown = assertThrows(NoSuchElementException.class,
                () -> emu.editMessage("1", "edit"));
        assertTrue(unknown.getMessage().contains("unknown message 1"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> emu.userMessage(guild, ada, " "));
        String category = guild.channels().get(1);
        IllegalArgumentException noText = assertThrows(IllegalArgumentException.class,
                () -> emu.userMessage(guild, category, ada, "in a category"));
        assertTrue(noText.getMessage().contains("takes no messages"), noText.getMessage());
    }

    @Test
    void theOwnerStaysABannedUserStaysOutAndTheBuiltInRolesStay() {
        assertThrows(IllegalStateException.class, () -> emu.memberLeave(guild, owner));
        assertThrows(IllegalStateException.class, () -> emu.ban(guild, owner));
        emu.ban(guild, ada);
        assertFalse(emu.guild(0).members().contains(ada));
        IllegalStateException banned = assertThrows(IllegalStateException.class, () -> emu.memberJoin(guild, ada));
        assertTrue(banned.getMessage().contains("banned"), banned.getMessage());
        emu.unban(guild, ada);
        emu.memberJoin(guild, ada);
        assertTrue(emu.guild(0).members().contains(ada));
        assertThrows(IllegalStateException.class, () -> emu.deleteRole(guild, guild.id()));
        assertThrows(IllegalStateException.class, () -> emu.unban(guild, ada), "not banned");
        assertThrows(IllegalArgumentException.class, () -> emu.voiceState(guild, ada, guild.textChannelId()));
        assertThrows(IllegalArgumentException.class, () -> emu.memberJoin(guild, emu.botUser()));
    }

    @Test
    void bulkDeletesTakeTwoToAHundredMessagesOfOneChannel() {
        MessageRef one = emu.userMessage(guild, ada, "one");
        String other = emu.createChannel(guild, "other", 0);
        MessageRef elsewhere = emu.userMessage(guild, other, ada, "elsewhere");
        assertThrows(IllegalArgumentException.class, () -> emu.bulkDeleteMessages(one.channelId(), List.of(one.id())));
        assertThrows(IllegalArgumentException.class,
                () -> emu.bulkDeleteMessages(one.channelId(), List.of(one.id(), elsewhere.id())));
        assertEquals("one", emu.message(one.id()).path("content").asText(), "a refused bulk delete deletes nothing");
    }

    @Test
    void theBotEditsOnlyItsOwnMessagesAndItsPostsAreRecorded() {
        String channel = "/channels/" + guild.textChannelId() + "/messages";
        MessageRef theirs = emu.userMessage(guild, ada, "mine");
        HttpResponse<String> refused = http.bot("PATCH", channel + "/" + theirs.id(), "{\"content\":\"no\"}");
        assertEquals(403, refused.statusCode());
        assertEquals(50005, Http.json(refused).path("code").asInt());
        assertEquals("mine", emu.message(theirs.id()).path("content").asText());

        JsonNode posted = Http.json(http.bot("POST", channel, "{\"content\":\"⭐ 3\"}"));
        String id = posted.path("id").asText();
        assertEquals(200, http.bot("PATCH", channel + "/" + id, "{\"content\":\"⭐ 4\"}").statusCode());
        BotPost post = emu.botPost(id);
        assertEquals(List.of("⭐ 3", "⭐ 4"), post.contents());
        assertEquals(1, post.edits());
        assertFalse(post.deleted());
        assertEquals(204, http.bot("DELETE", channel + "/" + id, null).statusCode());
        assertTrue(emu.botPost(id).deleted());
        assertEquals(List.of(post.id()), emu.botPosts(guild.textChannelId()).stream().map(BotPost::id).toList());
    }
}
