package io.guildflow.gateway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
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
}
