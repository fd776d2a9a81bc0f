package io.guildflow.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An advanceable clock for the emulator's rules (3 s acknowledgement deadline, 15 min token lifetime, rate-limit
 * windows). {@link #ticking()} follows real time plus an offset that {@link #advance} increases, so rate-limit
 * windows still roll over; {@link #frozen(Instant)} only moves when advanced.
 */
public final class TestClock extends Clock {
    private final AtomicLong offsetNanos;
    private final Instant frozenAt;
    private final ZoneId zone;

    private TestClock(AtomicLong offsetNanos, Instant frozenAt, ZoneId zone) {
        this.offsetNanos = offsetNanos;
        this.frozenAt = frozenAt;
        this.zone = zone;
    }

    /** Real time plus an advanceable offset. */
    public static TestClock ticking() {
        return new TestClock(new AtomicLong(), null, ZoneOffset.UTC);
    }

    /** Stands still at {@code start} until advanced. */
    public static TestClock frozen(Instant start) {
        return new TestClock(new AtomicLong(), start, ZoneOffset.UTC);
    }

    /** Moves this clock (and every {@link #withZone} copy) forward. */
    public TestClock advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward: " + by);
        }
        offsetNanos.addAndGet(by.toNanos());
        return this;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new TestClock(offsetNanos, frozenAt, newZone);
    }

    @Override
    public Instant instant() {
        Instant base = frozenAt != null ? frozenAt : Instant.now();
        return base.plusNanos(offsetNanos.get());
    }

    @Override
    public long millis() {
        long base = frozenAt != null ? frozenAt.toEpochMilli() : System.currentTimeMillis();
        return base + offsetNanos.get() / 1_000_000;
    }
}
