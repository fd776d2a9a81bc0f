package io.guildflow.gateway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What an acked signal's body says: how long Discord took for the worker's callback, when it says anything. */
class AckedSignalsTest {
    @Test
    void aBodyIsMillisecondsAsTextAndAnythingElseSaysNothing() {
        assertEquals(OptionalLong.of(1004), AckedSignals.callbackMillis("1004".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(OptionalLong.of(0), AckedSignals.callbackMillis("0".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(OptionalLong.empty(), AckedSignals.callbackMillis(new byte[0]), "an older worker's signal");
        assertEquals(OptionalLong.empty(), AckedSignals.callbackMillis(null));
        assertEquals(OptionalLong.empty(), AckedSignals.callbackMillis("-5".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(OptionalLong.empty(), AckedSignals.callbackMillis("soon".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(OptionalLong.empty(), AckedSignals.callbackMillis("99999999999999".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aGatewaysWordNamesItAndAnOlderGatewaysWordIsAnotherGateways() {
        assertEquals(Optional.of("g-1"), AckedSignals.gatewayOf("gateway:g-1".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.of(""), AckedSignals.gatewayOf("gateway".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), AckedSignals.gatewayOf("1004".getBytes(StandardCharsets.UTF_8)), "a worker's");
        assertEquals(Optional.empty(), AckedSignals.gatewayOf(new byte[0]));
        assertEquals(Optional.empty(), AckedSignals.gatewayOf(null));
    }

    @Test
    void aPeerIsAnotherGatewayOnTheSameShards() {
        String shards = "16 0-7";
        assertTrue(AckedSignals.isPeer(("g-2 " + shards).getBytes(StandardCharsets.UTF_8), "g-1", shards));
        assertFalse(AckedSignals.isPeer(("g-1 " + shards).getBytes(StandardCharsets.UTF_8), "g-1", shards), "itself");
        assertFalse(AckedSignals.isPeer("g-2 16 8-15".getBytes(StandardCharsets.UTF_8), "g-1", shards),
                "another shard set");
        assertFalse(AckedSignals.isPeer("garbage".getBytes(StandardCharsets.UTF_8), "g-1", shards));
        assertFalse(AckedSignals.isPeer(null, "g-1", shards));
    }
}
