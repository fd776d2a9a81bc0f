package io.guildflow.testkit.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.Json;
import org.junit.jupiter.api.Test;

/** Which intent each dispatch needs, and what MESSAGE_CONTENT leaves out (gateway.mdx, "List of Intents", "Message Content Intent"). */
class EventDispatchesTest {
    private static final long BOT = 42;

    private static ObjectNode message(boolean inGuild, String authorId) {
        ObjectNode m = Json.object().put("id", "7").put("channel_id", "8").put("content", "the secret");
        if (inGuild) {
            m.put("guild_id", "9");
        }
        m.putObject("author").put("id", authorId);
        m.putArray("mentions");
        m.putArray("embeds").addObject().put("title", "an embed");
        m.putArray("attachments").addObject().put("id", "1").put("filename", "a.png");
        m.putArray("components").addObject().put("type", 1);
        m.putObject("poll").putObject("question").put("text", "which?");
        m.put("pinned", false);
        return m;
    }

    @Test
    void eachDispatchNeedsItsIntentInAGuildOrADm() {
        assertEquals(Intents.GUILD_MESSAGES, EventDispatches.requiredIntent("MESSAGE_CREATE", false, Json.object(), BOT));
        assertEquals(Intents.DIRECT_MESSAGES, EventDispatches.requiredIntent("MESSAGE_DELETE", true, Json.object(), BOT));
        assertEquals(Intents.GUILD_MESSAGE_REACTIONS,
                EventDispatches.requiredIntent("MESSAGE_REACTION_REMOVE_EMOJI", false, Json.object(), BOT));
        assertEquals(Intents.DIRECT_MESSAGE_REACTIONS,
                EventDispatches.requiredIntent("MESSAGE_REACTION_ADD", true, Json.object(), BOT));
        assertEquals(Intents.GUILD_MODERATION, EventDispatches.requiredIntent("GUILD_BAN_ADD", false, Json.object(), BOT));
        assertEquals(Intents.GUILD_VOICE_STATES,
                EventDispatches.requiredIntent("VOICE_STATE_UPDATE", false, Json.object(), BOT));
        assertEquals(Intents.AUTO_MODERATION_EXECUTION,
                EventDispatches.requiredIntent("AUTO_MODERATION_ACTION_EXECUTION", false, Json.object(), BOT));
        assertEquals(Intents.GUILDS, EventDispatches.requiredIntent("THREAD_DELETE", false, Json.object(), BOT));
        assertEquals(0, EventDispatches.requiredIntent("INTERACTION_CREATE", false, Json.object(), BOT));
        assertThrows(IllegalArgumentException.class,
                () -> EventDispatches.requiredIntent("MESSAGE_DELETE_BULK", true, Json.object(), BOT));
    }

    @Test
    void theBotsOwnMemberUpdateNeedsNoIntent() {
        ObjectNode other = Json.object();
        other.putObject("user").put("id", "1");
        ObjectNode bot = Json.object();
        bot.putObject("user").put("id", Long.toString(BOT));
        assertEquals(Intents.GUILD_MEMBERS, EventDispatches.requiredIntent("GUILD_MEMBER_UPDATE", false, other, BOT));
        assertEquals(0, EventDispatches.requiredIntent("GUILD_MEMBER_UPDATE", false, bot, BOT));
    }

    @Test
    void withoutMessageContentAUsersGuildMessageLosesItsContentFields() {
        ObjectNode d = message(true, "1");
        ObjectNode blank = EventDispatches.withoutMessageContent("MESSAGE_UPDATE", d, BOT);
        assertEquals("", blank.path("content").asText());
        assertTrue(blank.path("embeds").isEmpty());
        assertTrue(blank.path("attachments").isEmpty());
        assertTrue(blank.path("components").isEmpty());
        assertFalse(blank.has("poll"), "poll is left out, not emptied");
        assertEquals(d.path("id"), blank.path("id"));
        assertEquals(d.path("author"), blank.path("author"));
        assertEquals("the secret", d.path("content").asText(), "the original is untouched");
    }

    @Test
    void contentStaysInDmsTheBotsOwnMessagesAndMessagesMentioningIt() {
        assertNull(EventDispatches.withoutMessageContent("MESSAGE_CREATE", message(false, "1"), BOT));
        assertNull(EventDispatches.withoutMessageContent("MESSAGE_CREATE", message(true, Long.toString(BOT)), BOT));
        ObjectNode mentioning = message(true, "1");
        mentioning.withArray("mentions").addObject().put("id", Long.toString(BOT));
        assertNull(EventDispatches.withoutMessageContent("MESSAGE_CREATE", mentioning, BOT));
        assertNull(EventDispatches.withoutMessageContent("GUILD_MEMBER_ADD", message(true, "1"), BOT));
    }

    @Test
    void autoModContentIsEmptyWithoutTheIntent() {
        ObjectNode d = Json.object().put("content", "buy gold").put("matched_content", "gold")
                .put("matched_keyword", "gold");
        ObjectNode blank = EventDispatches.withoutMessageContent("AUTO_MODERATION_ACTION_EXECUTION", d, BOT);
        assertEquals("", blank.path("content").asText());
        assertEquals("", blank.path("matched_content").asText());
        assertEquals("gold", blank.path("matched_keyword").asText(), "the rule's own keyword is not user content");
    }
}
