package io.guildflow.common.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMessageIsKeyedByItsIdAndAnEditByItsEditTime() throws Exception {
        assertEquals(Optional.of("message_create:11"), key("MESSAGE_CREATE", "{\"id\":\"11\",\"content\":\"x\"}"));
        assertEquals(Optional.of("message_update:11:2026-12-07T05:00:00.000000+00:00"),
                key("MESSAGE_UPDATE", "{\"id\":\"11\",\"edited_timestamp\":\"2026-12-07T05:00:00.000000+00:00\"}"));
        assertEquals(Optional.empty(), key("MESSAGE_UPDATE", "{\"id\":\"11\",\"edited_timestamp\":null}"),
                "an embed unfurl is an update without an edit time");
        assertEquals(Optional.of("message_delete:11"), key("MESSAGE_DELETE", "{\"id\":\"11\",\"channel_id\":\"2\"}"));
    }

    @Test
    void aMemberJoinIsKeyedByGuildUserAndJoinTimeSoARejoinIsANewEvent() throws Exception {
        Optional<String> first = key("GUILD_MEMBER_ADD", "{\"guild_id\":\"1\",\"user\":{\"id\":\"2\"},\"joined_at\":\"t1\"}");
        assertEquals(Optional.of("guild_member_add:1:2:t1"), first);
        assertNotEquals(first, key("GUILD_MEMBER_ADD", "{\"guild_id\":\"1\",\"user\":{\"id\":\"2\"},\"joined_at\":\"t2\"}"));
    }

    @Test
    void aBulkDeleteIsKeyedByItsMessages() throws Exception {
        Optional<String> one = key("MESSAGE_DELETE_BULK", "{\"channel_id\":\"3\",\"ids\":[\"1\",\"2\"]}");
        assertEquals(Optional.of("message_delete_bulk:3:"), one.map(k -> k.substring(0, k.lastIndexOf(':') + 1)));
        assertNotEquals(one, key("MESSAGE_DELETE_BULK", "{\"channel_id\":\"3\",\"ids\":[\"1\",\"4\"]}"));
        assertEquals(Optional.empty(), key("MESSAGE_DELETE_BULK", "{\"channel_id\":\"3\",\"ids\":[]}"));
    }

    @Test
    void eventsWithoutANaturalKeyHaveNone() throws Exception {
        for (String type : new String[] {"MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE", "GUILD_MEMBER_UPDATE",
                "GUILD_MEMBER_REMOVE", "GUILD_BAN_ADD", "VOICE_STATE_UPDATE", "GUILD_UPDATE", "SOMETHING_NEW"}) {
            assertEquals(Optional.empty(), key(type, "{\"id\":\"1\",\"user_id\":\"2\",\"message_id\":\"3\"}"), type);
        }
    }

    @Test
    void aMissingOrOddFieldMeansNoKeyNeverAFailure() throws Exception {
        assertEquals(Optional.empty(), key("MESSAGE_CREATE", "{}"));
        assertEquals(Optional.empty(), key("MESSAGE_CREATE", "{\"id\":{\"nested\":true}}"));
        assertEquals(Optional.empty(), key("GUILD_ROLE_CREATE", "[]"));
        assertEquals(Optional.of("guild_role_create:8"), key("GUILD_ROLE_CREATE", "{\"role\":{\"id\":\"8\"}}"));
    }

    private static Optional<String> key(String type, String d) throws Exception {
        return EventKeys.of(type, JSON.readTree(d));
    }
}
