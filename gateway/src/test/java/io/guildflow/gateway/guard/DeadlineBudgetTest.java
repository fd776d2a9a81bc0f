package io.guildflow.gateway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineBudgetTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000_000_000L; // any point of the monotonic clock

    private final DeadlineBudget budget = new DeadlineBudget(Duration.ofSeconds(2));

    @Test
    void aQuietGuardWaitsTheWholeDeadline() {
        assertEquals(2_000 * MS, budget.waitNanos(0, T0));
        assertEquals(1_400 * MS, budget.waitNanos(600 * MS, T0), "what the gateway's late reading used up is gone");
        assertEquals(0, budget.waitNanos(2_500 * MS, T0), "past the deadline: at once");
    }

    @Test
    void measuredTimerAndSendLagMoveTheDeadlineForward() {
        budget.timerFired(400 * MS, T0);
        budget.sent(900 * MS, T0);
        // 3 s window - (400 + 900 + 300 margin) = 1.4 s
        assertEquals(1_400 * MS, budget.waitNanos(0, T0));
        assertEquals(1_600 * MS, budget.reserveNanos(T0));
    }

    @Test
    void lagFadesOnceTheMachineIsQuietAgain() {
        budget.sent(1_000 * MS, T0);
        long later = T0 + 3 * DeadlineBudget.PEAK_HALF_LIFE.toNanos();
        assertEquals(125 * MS, budget.reserveNanos(later) - DeadlineBudget.SAFETY_MARGIN.toNanos());
        budget.sent(10 * MS, later);
        assertEquals(125 * MS, budget.reserveNanos(later) - DeadlineBudget.SAFETY_MARGIN.toNanos(),
                "a small sample does not hide a larger recent one");
    }

    @Test
    void theVerdictsLogLineGivesTheFiguresItRestsOn() {
        budget.sent(400 * MS, T0);
        budget.answered(T0 - 2_300 * MS, T0 - 200 * MS);
        assertEquals("newest known outcome 2100 ms after receipt, 2300 ms ago; bar 2000 ms, reserve 700 ms",
                budget.describe(T0));
    }

    @Test
    void aSlowAnswerOrAStepInMeansAcknowledgeAtReceipt() {
        budget.answered(T0, T0 + 300 * MS);
        assertFalse(budget.behind(T0 + 300 * MS));
        budget.answered(T0 + 5 * MS, T0 + 1_900 * MS);
        assertFalse(budget.behind(T0 + 1_900 * MS), "answered inside the wait: left to the workers");
        budget.answered(T0 + 10 * MS, T0 + 2_100 * MS);
        assertTrue(budget.behind(T0 + 2_100 * MS), "answered later than the guard would have waited");

        budget.answered(T0 + 20 * MS, T0 + 60 * MS);
        assertFalse(budget.behind(T0 + 60 * MS), "a newer interaction answered quickly: caught up");

        budget.steppedIn(T0 + 30 * MS, T0 + 1_500 * MS);
        assertTrue(budget.behind(T0 + 1_500 * MS), "the guard had to step in (counted as the whole deadline)");
    }

    @Test
    void beforeAnyAnswerAnInteractionWaitingHalfTheWaitMeansStalled() {
        budget.stillWaiting(T0, T0 + 900 * MS);
        assertFalse(budget.behind(T0 + 900 * MS));
        budget.stillWaiting(T0, T0 + 1_100 * MS);
        assertTrue(budget.behind(T0 + 1_100 * MS), "no worker ever answered: half the wait is enough to give up");
    }

    @Test
    void aNewerInteractionWaitingBrieflyDoesNotUndoAStepIn() {
        budget.answered(T0 - 100 * MS, T0 - 90 * MS);
        budget.steppedIn(T0, T0 + 2_000 * MS);
        budget.stillWaiting(T0 + 500 * MS, T0 + 2_000 * MS);
        assertTrue(budget.behind(T0 + 2_000 * MS), "1.5 s of waiting is no answer in time");
    }

    @Test
    void onASaturatedMachineTheBarIsLowerWithTheWait() {
        budget.answered(T0 - 100 * MS, T0 - 90 * MS);
        budget.sent(1_000 * MS, T0); // planned wait now 3 s - 1.3 s = 1.7 s, growing as the peak fades
        budget.answered(T0, T0 + 1_900 * MS);
        assertTrue(budget.behind(T0 + 1_900 * MS), "inside ACK_DEADLINE, but later than this machine can wait");
    }

    @Test
    void anOlderInteractionsOutcomeDoesNotOverrideANewerOne() {
        budget.answered(T0 + 100 * MS, T0 + 150 * MS);
        budget.answered(T0, T0 + 5_000 * MS); // a backlog's answer arriving late
        assertFalse(budget.behind(T0 + 5_000 * MS));
    }

    @Test
    void behindIsForgottenWithoutNewsSoAWorkerGetsItsChanceAgain() {
        budget.steppedIn(T0, T0 + 2_000 * MS);
        assertTrue(budget.behind(T0 + 2_000 * MS));
        assertFalse(budget.behind(T0 + DeadlineBudget.BEHIND_MEMORY.toNanos() + MS));
    }
}
