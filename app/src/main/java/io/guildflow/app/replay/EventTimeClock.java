package io.guildflow.app.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The replay's clock: the time the event being replayed was stored in JetStream, not the time of the replay. A handler
 * that writes {@code now()} (a signup closing in an hour) must write what it wrote the first time, within the moments
 * between the gateway storing the event and a worker handling it, not a time shifted by the hours since the backup.
 * Set before each event; the replay applies one event at a time.
 */
final class EventTimeClock extends Clock {
    private volatile Instant event;

    EventTimeClock(Instant start) {
        this.event = start;
    }

    /** From now on, until the next event, {@link #instant()} is {@code storedAt}. */
    void at(Instant storedAt) {
        this.event = storedAt;
    }

    @Override
    public Instant instant() {
        return event;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the replay's clock is UTC");
    }
}
