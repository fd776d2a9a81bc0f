package io.guildflow.testkit.gateway;

import static io.guildflow.testkit.gateway.DocumentedShapes.EMOJI;
import static io.guildflow.testkit.gateway.DocumentedShapes.MEMBER;
import static io.guildflow.testkit.gateway.DocumentedShapes.MESSAGE_CREATE;
import static io.guildflow.testkit.gateway.DocumentedShapes.USER;
import static io.guildflow.testkit.gateway.DocumentedShapes.assertShape;
import static io.guildflow.testkit.gateway.DocumentedShapes.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.event.ReactionCount;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedUser;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Message and reaction events, field by field against gateway-events.mdx, as a session with every intent gets them. */
class MessageEventShapesTest extends AllIntentsSession {
    private static final Set<String> REACTION_IDS = Set.of("user_id", "channel_id", "message_id", "emoji", "burst",
            "type");
    private EmulatedUser ada;
    private EmulatedUser bob;

    @BeforeEach
    void members() {
        ada = guild.members().get(1);
        bob = guild.members().get(2);
    }

    @Test
    void messageCreateIsTheMessageWithTheAuthorsMemberAndTheChannelType() throws InterruptedException {
        MessageRef sent = emu.userMessage(guild, ada, "hello <@" + bob.id() + ">");
        JsonNode d = client.next("MESSAGE_CREATE");
        assertShape(MESSAGE_CREATE, d);
        assertEquals(sent.id(), d.path("id").asText());
        assertEquals(guild.textChannelId(), d.path("channel_id").asText());
        assertEquals(guild.id(), d.path("guild_id").asText());
        assertEquals(0, d.path("channel_type").asInt());
        assertEquals(0, d.path("type").asInt());
        assertEquals("hello <@" + bob.id() + ">", d.path("content").asText());
        assertTrue(d.path("edited_timestamp").isNull());
        assertShape(USER, d.path("author"));
        assertEquals(ada.id(), d.path("author").path("id").asText());
        assertShape(MEMBER, d.path("member"));
        assertFalse(d.path("member").has("user"), "MESSAGE_CREATE's member has no user (guild.mdx)");
        assertEquals(1, d.path("mentions").size());
        JsonNode mentioned = d.path("mentions").get(0);
        assertEquals(bob.id(), mentioned.path("id").asText());
        assertShape(MEMBER, mentioned.path("member"));
    }

    @Test
    void anEditSendsTheWholeMessageWithItsEditTime() throws InterruptedException {
        MessageRef sent = emu.userMessage(guild, ada, "helo");
        client.next("MESSAGE_CREATE");
        clock.advance(Duration.ofSeconds(30));
        emu.editMessage(sent.id(), "hello");
        JsonNode d = client.next("MESSAGE_UPDATE");
        assertShape(MESSAGE_CREATE, d);
        assertEquals(sent.id(), d.path("id").asText());
        assertEquals("hello", d.path("content").asText());
        assertFalse(d.path("edited_timestamp").isNull());
        assertFalse(d.path("tts").asBoolean(), "tts is always false in updates");
        assertShape(MEMBER, d.path("member"));
    }

    @Test
    void deletesCarryOnlyTheIds() throws InterruptedException {
        MessageRef one = emu.userMessage(guild, ada, "one");
        MessageRef two = emu.userMessage(guild, ada, "two");
        MessageRef three = emu.userMessage(guild, bob, "three");
        emu.deleteMessage(one.id());
        client.next("MESSAGE_CREATE");
        client.next("MESSAGE_CREATE");
        client.next("MESSAGE_CREATE");
        JsonNode deleted = client.next("MESSAGE_DELETE");
        assertShape(event("Message Delete", Set.of("id", "channel_id"), Set.of("guild_id")), deleted);
        assertEquals(one.id(), deleted.path("id").asText());
        assertEquals(guild.id(), deleted.path("guild_id").asText());
        emu.bulkDeleteMessages(two.channelId(), List.of(two.id(), three.id()));
        JsonNode bulk = client.next("MESSAGE_DELETE_BULK");
        assertShape(event("Message Delete Bulk", Set.of("ids", "channel_id"), Set.of("guild_id")), bulk);
        assertEquals(List.of(two.id(), three.id()),
                List.of(bulk.path("ids").get(0).asText(), bulk.path("ids").get(1).asText()));
        assertEquals(two.channelId(), bulk.path("channel_id").asText());
    }

    @Test
    void aReactionAddCarriesTheMemberTheEmojiAndTheMessagesAuthor() throws InterruptedException {
        MessageRef sent = emu.userMessage(guild, ada, "star me");
        client.next("MESSAGE_CREATE");
        ReactionCount first = emu.addReaction(sent.id(), bob, Emoji.unicode("⭐"));
        JsonNode d = client.next("MESSAGE_REACTION_ADD");
        assertShape(event("Message Reaction Add", REACTION_IDS,
                Set.of("guild_id", "member", "message_author_id", "burst_colors")), d);
        for (String sentInAGuild : List.of("guild_id", "member", "message_author_id", "burst_colors")) {
            assertTrue(d.has(sentInAGuild), sentInAGuild);
        }
        assertEquals(bob.id(), d.path("user_id").asText());
        assertEquals(sent.id(), d.path("message_id").asText());
        assertEquals(ada.id(), d.path("message_author_id").asText());
        assertShape(MEMBER, d.path("member"));
        assertEquals(bob.id(), d.path("member").path("user").path("id").asText());
        assertShape(EMOJI, d.path("emoji"));
        assertTrue(d.path("emoji").path("id").isNull());
        assertEquals("⭐", d.path("emoji").path("name").asText());
        assertFalse(d.path("burst").asBoolean());
        assertEquals(0, d.path("type").asInt());
        assertEquals(1, first.count());

        emu.addReaction(sent.id(), ada, Emoji.custom("blobwave", "123456789012345678"));
        JsonNode custom = client.next("MESSAGE_REACTION_ADD").path("emoji");
        assertEquals("123456789012345678", custom.path("id").asText());
        assertEquals("blobwave", custom.path("name").asText());
        assertFalse(custom.path("animated").asBoolean());
    }

    @Test
    void reactionRemovalsCarryWhatWasRemoved() throws InterruptedException {
        MessageRef sent = emu.userMessage(guild, ada, "react");
        Emoji star = Emoji.unicode("⭐");
        emu.addReaction(sent.id(), bob, star);
        emu.removeReaction(sent.id(), bob, star);
        client.next("MESSAGE_CREATE");
        client.next("MESSAGE_REACTION_ADD");
        JsonNode removed = client.next("MESSAGE_REACTION_REMOVE");
        assertShape(event("Message Reaction Remove", REACTION_IDS, Set.of("guild_id")), removed);
        assertEquals("⭐", removed.path("emoji").path("name").asText());

        emu.addReaction(sent.id(), bob, star);
        client.next("MESSAGE_REACTION_ADD");
        assertTrue(emu.removeEmojiReactions(sent.id(), star));
        JsonNode emoji = client.next("MESSAGE_REACTION_REMOVE_EMOJI");
        assertShape(event("Message Reaction Remove Emoji", Set.of("channel_id", "message_id", "emoji"),
                Set.of("guild_id")), emoji);

        emu.addReaction(sent.id(), bob, star);
        client.next("MESSAGE_REACTION_ADD");
        assertTrue(emu.removeAllReactions(sent.id()));
        JsonNode all = client.next("MESSAGE_REACTION_REMOVE_ALL");
        assertShape(event("Message Reaction Remove All", Set.of("channel_id", "message_id"), Set.of("guild_id")), all);
        assertEquals(guild.id(), all.path("guild_id").asText());
    }

    @Test
    void countsFollowTheReactionsAndARepeatedOneSendsNothing() throws InterruptedException {
        MessageRef sent = emu.userMessage(guild, ada, "count me");
        Emoji star = Emoji.unicode("⭐");
        assertEquals(1, emu.addReaction(sent.id(), ada, star).count());
        assertEquals(2, emu.addReaction(sent.id(), bob, star).count());
        ReactionCount again = emu.addReaction(sent.id(), bob, star);
        assertFalse(again.changed());
        assertEquals(2, again.count());
        JsonNode reactions = emu.message(sent.id()).path("reactions");
        assertEquals(1, reactions.size());
        assertEquals(2, reactions.get(0).path("count").asInt());
        assertFalse(reactions.get(0).path("me").asBoolean(), "the bot did not react");
        assertEquals(1, emu.removeReaction(sent.id(), ada, star).count());
        assertFalse(emu.removeReaction(sent.id(), ada, star).changed());
        emu.deleteMessage(sent.id());
        client.next("MESSAGE_CREATE");
        client.next("MESSAGE_REACTION_ADD");
        client.next("MESSAGE_REACTION_ADD");
        client.next("MESSAGE_REACTION_REMOVE");
        client.next("MESSAGE_DELETE"); // nothing between: neither repeat was sent
    }

    @Test
    void aDirectMessageHasNoGuildAndNoMember() throws InterruptedException {
        MessageRef sent = emu.directMessage(ada, "psst");
        JsonNode d = client.next("MESSAGE_CREATE");
        assertShape(MESSAGE_CREATE, d);
        assertEquals(sent.id(), d.path("id").asText());
        assertFalse(d.has("guild_id"));
        assertFalse(d.has("member"));
        assertEquals(1, d.path("channel_type").asInt());
        emu.addReaction(sent.id(), ada, Emoji.unicode("👍"));
        JsonNode reaction = client.next("MESSAGE_REACTION_ADD");
        assertFalse(reaction.has("guild_id"));
        assertFalse(reaction.has("member"));
    }
}
