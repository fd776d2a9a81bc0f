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
    void detailSaysHowManyOfHowManyAndWhatTheOthersAreDoing() {
        assertEquals("1 of 2 shards connected: shard 3 queued",
                ShardStatus.of(Map.of(3, "queued", 2, "connected")).describe());
        assertEquals("0 of 1 shards connected: shard 0 waiting to reconnect",
                ShardStatus.of(Map.of(0, "waiting_to_reconnect")).describe());
        assertEquals("1 of 1 shards connected (shard 0)", ShardStatus.of(Map.of(0, "connected")).describe());
        assertEquals("4 of 4 shards connected (shards 2-3, 5, 7)", ShardStatus.of(
                Map.of(2, "connected", 3, "connected", 5, "connected", 7, "connected")).describe());
        assertEquals("0 of 0 shards connected: none owned yet", ShardStatus.of(Map.of()).describe());
    }
}
