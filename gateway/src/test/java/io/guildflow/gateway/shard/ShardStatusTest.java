package io.guildflow.gateway.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardStatusTest {

    @Test
    void readyOnlyWhenEveryOwnedShardIsConnected() {
        assertTrue(ShardStatus.of(Map.of(2, "connected", 3, "connected")).allConnected());
        assertFalse(ShardStatus.of(Map.of(0, "connected", 1, "queued")).allConnected(), "second shard still queued");
        assertFalse(ShardStatus.of(Map.of(0, "connected", 1, "identifying_session")).allConnected());
        assertFalse(ShardStatus.of(Map.of()).allConnected(), "nothing owned yet");
    }

    @Test
    void detailNamesEveryShard() {
        assertEquals("1/2 shards connected (2 connected, 3 queued)",
                ShardStatus.of(Map.of(3, "queued", 2, "connected")).describe());
    }
}
