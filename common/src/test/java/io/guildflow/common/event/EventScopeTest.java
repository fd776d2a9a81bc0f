package io.guildflow.common.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventScopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aGuildsEventIsScopedToTheGuild() throws Exception {
        assertEquals(EventScope.guild("81384788765712384"),
                EventScope.of(json("{\"guild_id\":\"81384788765712384\",\"author\":{\"id\":\"5\"}}")));
    }

    @Test
    void aDirectMessageIsScopedToItsUserAndAnEventOfNobodyToUserZero() throws Exception {
        assertEquals(new EventScope("dm", "5"), EventScope.of(json("{\"author\":{\"id\":\"5\"},\"id\":\"9\"}")));
        assertEquals(new EventScope("dm", "7"), EventScope.of(json("{\"user_id\":\"7\"}")));
        assertEquals(new EventScope("dm", "0"), EventScope.of(json("{\"weird\":[1,2]}")));
        assertEquals(new EventScope("dm", "0"), EventScope.of(json("[]")));
    }

    @Test
    void anIdThatIsNoSnowflakeNeverReachesASubject() throws Exception {
        assertEquals(new EventScope("dm", "0"), EventScope.of(json("{\"guild_id\":\"1.>\"}")));
        assertThrows(IllegalArgumentException.class, () -> new EventScope("guild", "*"));
        assertThrows(IllegalArgumentException.class, () -> new EventScope("channel", "1"));
    }

    @Test
    void partitionsAreStableAndSpreadSequentialSnowflakes() {
        assertEquals(EventScope.guild("81384788765712384").partition(16), EventScope.guild("81384788765712384").partition(16));
        Set<Integer> seen = new HashSet<>();
        for (long id = 1_100_000_000_000_000_000L; id < 1_100_000_000_000_000_064L; id++) {
            int partition = EventScope.guild(Long.toString(id)).partition(16);
            assertTrue(partition >= 0 && partition < 16, "partition " + partition);
            seen.add(partition);
        }
        assertTrue(seen.size() >= 12, "64 consecutive ids reach only " + seen.size() + " of 16 partitions");
        assertEquals(0, EventScope.guild("18446744073709551615").partition(1));
    }

    @Test
    void aTypeTokenIsSafeInASubject() {
        assertEquals("message_create", EventScope.typeToken("MESSAGE_CREATE"));
        assertEquals("a_b__c", EventScope.typeToken("A.B *C"));
        assertEquals("_", EventScope.typeToken(""));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
