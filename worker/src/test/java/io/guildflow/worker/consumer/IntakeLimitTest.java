package io.guildflow.worker.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The intake's limit, on a clock of the test's own: latency is what the test says it is. */
class IntakeLimitTest {
    /** BlockingLimiter gives up at once when less than a whole millisecond remains. */
    private static final Duration SHORT_WAIT = Duration.ofMillis(20);
    private final AtomicLong nanos = new AtomicLong();

    private IntakeLimit intake(int maximum) {
        return new IntakeLimit(maximum, SHORT_WAIT, nanos::get);
    }

    /** Takes every permit there is room for, lets {@code latency} pass, settles them all. */
    private void busyRound(IntakeLimit intake, Duration latency, boolean dropped) {
        List<IntakeLimit.Permit> taken = new ArrayList<>();
        for (int room = intake.room(); room > 0; room--) {
            taken.add(intake.awaitPermit().orElseThrow());
        }
        nanos.addAndGet(latency.toNanos());
        taken.forEach(dropped ? IntakeLimit.Permit::dropped : IntakeLimit.Permit::done);
    }

    @Test
    void aFreshWorkerTakesFewAndNoMoreThanItsLimit() {
        IntakeLimit intake = intake(16);
        assertEquals(IntakeLimit.INITIAL_LIMIT, intake.limit());
        assertEquals(IntakeLimit.INITIAL_LIMIT, intake.room());
        List<IntakeLimit.Permit> taken = new ArrayList<>();
        for (int i = 0; i < IntakeLimit.INITIAL_LIMIT; i++) {
            taken.add(intake.awaitPermit().orElseThrow());
        }
        assertEquals(0, intake.room());
        assertTrue(intake.awaitPermit().isEmpty(), "a permit beyond the limit");
        taken.get(0).done();
        assertEquals(1, intake.room());
    }

    @Test
    void quickAnswersUnderFullUseRaiseTheLimitToWorkerConcurrencyAndNeverPast() {
        IntakeLimit intake = intake(16);
        for (int round = 0; round < 200; round++) {
            busyRound(intake, Duration.ofMillis(5), false);
            assertTrue(intake.limit() <= 16, "past WORKER_CONCURRENCY: " + intake.limit());
        }
        assertEquals(16, intake.limit());
        assertEquals(16, intake.maximum());
    }

    @Test
    void aWorkerThatTurnsSlowTakesLessWhetherItsEventsSucceedOrAreHandedBack() {
        for (boolean handedBack : new boolean[] {false, true}) {
            IntakeLimit intake = intake(16);
            for (int round = 0; round < 200; round++) {
                busyRound(intake, Duration.ofMillis(5), false);
            }
            for (int round = 0; round < 10; round++) {
                busyRound(intake, Duration.ofSeconds(1), handedBack);
            }
            assertTrue(intake.limit() < 16, "latency grew 200-fold (handed back: " + handedBack
                    + ") and the limit stayed " + intake.limit());
        }
    }

    @Test
    void anIdleWorkerKeepsItsLimitAndAnUnusedPermitSaysNothing() {
        IntakeLimit intake = intake(16);
        for (int round = 0; round < 50; round++) {
            IntakeLimit.Permit only = intake.awaitPermit().orElseThrow();
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            only.unused();
        }
        assertEquals(IntakeLimit.INITIAL_LIMIT, intake.limit());
    }

    @Test
    void aMaximumBelowTheInitialLimitIsTheLimit() {
        assertEquals(2, intake(2).limit());
        assertEquals(1, intake(1).room());
    }
}
