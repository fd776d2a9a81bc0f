package io.guildflow.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

    @Test
    void defaultsAreEveryShardATwoSecondGuardOfAHundredThousandAndThirtySecondsToPublish() {
        GatewaySettings gateway = from(Map.of());
        assertTrue(gateway.shards().gatewayUrl().isEmpty());
        assertTrue(gateway.shards().shardCount().isEmpty());
        assertTrue(gateway.shards().shardIds().isAll());
        assertEquals(Duration.ofSeconds(2), gateway.guard().deadline());
        assertEquals(100_000, gateway.guard().capacity());
        assertEquals(Duration.ofSeconds(30), gateway.publishing().abandonAfter());
    }

    @Test
    void shardIdsNameARangeOrListBelowTheShardCount() {
        assertEquals(List.of(0, 1, 2, 3), from(Map.of("SHARD_IDS", "0-3", "SHARD_COUNT", "8")).shards().shardIds().ids()
                .orElseThrow());
        assertEquals(List.of(0, 2, 5), from(Map.of("SHARD_IDS", "5,0,2", "SHARD_COUNT", "8")).shards().shardIds().ids()
                .orElseThrow());
        assertEquals("2-3", from(Map.of("SHARD_IDS", "2-3", "SHARD_COUNT", "4")).shards().shardIds().describe());
        for (Map<String, String> bad : List.of(Map.of("SHARD_IDS", "0-3"), Map.of("SHARD_IDS", "0-4", "SHARD_COUNT", "4"),
                Map.of("SHARD_IDS", "3-1", "SHARD_COUNT", "4"), Map.of("SHARD_IDS", "a-b", "SHARD_COUNT", "4"))) {
            ConfigException error = assertThrows(ConfigException.class, () -> from(bad));
            assertTrue(error.getMessage().startsWith("SHARD_IDS=" + bad.get("SHARD_IDS") + " is not valid"),
                    error.getMessage());
        }
    }

    @Test
    void theAckDeadlineLeavesTheGuardTimeWithinDiscordsThreeSeconds() {
        assertEquals(Duration.ofMillis(2800), from(Map.of("ACK_DEADLINE", "2800ms")).guard().deadline());
        assertEquals("ACK_DEADLINE=3s is not valid: expected at most 2800ms: Discord drops an interaction not"
                + " acknowledged within 3s", assertThrows(ConfigException.class,
                () -> from(Map.of("ACK_DEADLINE", "3s"))).getMessage());
    }

    @Test
    void theGuardsCapacityIsAPositiveNumber() {
        assertEquals(500, from(Map.of("GUARD_CAPACITY", "500")).guard().capacity());
        assertThrows(ConfigException.class, () -> from(Map.of("GUARD_CAPACITY", "0")));
    }

    @Test
    void publishingIsAbandonedWhileItsUserCanStillBeTold() {
        assertEquals(Duration.ofMinutes(2), from(Map.of("PUBLISH_ABANDON_AFTER", "2m")).publishing().abandonAfter());
        for (String bad : List.of("500ms", "15m")) {
            ConfigException error = assertThrows(ConfigException.class,
                    () -> from(Map.of("PUBLISH_ABANDON_AFTER", bad)));
            assertTrue(error.getMessage().startsWith("PUBLISH_ABANDON_AFTER=" + bad + " is not valid: expected from 1s"
                    + " to 14m"), error.getMessage());
        }
    }

    private static GatewaySettings from(Map<String, String> env) {
        return GatewaySettings.from(new EnvironmentValues(env));
    }
}
