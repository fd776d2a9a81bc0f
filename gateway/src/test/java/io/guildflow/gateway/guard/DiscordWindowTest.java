package io.guildflow.gateway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DiscordWindowTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-22T19:59:26.000Z");

    private static String snowflakeAt(Instant created) {
        return Long.toUnsignedString(((created.toEpochMilli() - 1_420_070_400_000L) << 22) | 12345);
    }

    @Test
    void aDispatchReadLateCountsFromItsCreationAtDiscord() {
        Instant created = Instant.parse("2026-11-22T19:59:24.630Z");
        assertEquals(created, DiscordWindow.start(snowflakeAt(created), RECEIVED));
    }

    @Test
    void aCreationTimeAfterReceiptMeansOurClockIsBehindAndReceiptCounts() {
        assertEquals(RECEIVED, DiscordWindow.start(snowflakeAt(RECEIVED.plusMillis(300)), RECEIVED));
    }

    @Test
    void implausibleIdsAreIgnored() {
        assertEquals(RECEIVED, DiscordWindow.start("42", RECEIVED));
        assertEquals(RECEIVED, DiscordWindow.start("not-a-snowflake", RECEIVED));
        assertEquals(RECEIVED, DiscordWindow.start(snowflakeAt(RECEIVED.minusSeconds(3600)), RECEIVED));
    }
}
