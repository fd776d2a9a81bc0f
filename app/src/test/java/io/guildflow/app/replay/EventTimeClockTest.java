package io.guildflow.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeClockTest {
    @Test
    void tellsTheTimeOfTheEventBeingReplayedNotOfTheReplay() {
        Instant backup = Instant.parse("2026-12-06T03:00:00Z");
        EventTimeClock clock = new EventTimeClock(backup);
        assertEquals(backup, clock.instant());

        Instant stored = Instant.parse("2026-12-06T09:15:02.250Z");
        clock.at(stored);
        assertEquals(stored, clock.instant());
        assertEquals(stored.toEpochMilli(), clock.millis());
    }
}
