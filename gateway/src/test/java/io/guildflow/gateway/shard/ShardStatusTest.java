package io.guildflow.gateway.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShardStatusTest {

    @Test
    void readyOnlyWhenEveryExpectedShardIsStartedAndConnected() {
        assertTrue(new ShardStatus(2, 2, 0, 2).allConnected());
        assertFalse(new ShardStatus(1, 1, 1, 2).allConnected(), "second shard still queued");
        assertFalse(new ShardStatus(1, 2, 0, 2).allConnected(), "second shard still identifying");
        assertFalse(new ShardStatus(0, 0, 0, 1).allConnected(), "nothing started yet");
        assertEquals("1/2 shards connected", new ShardStatus(1, 1, 1, 2).describe());
    }
}
