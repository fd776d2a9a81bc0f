package io.guildflow.gateway.guard;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long an interaction may wait for a worker before the guard acknowledges it, from what the
 * guard measures rather than what it assumes. Discord's window is 3 s from the interaction's
 * creation; the guard waits until {@code ACK_DEADLINE} of it at most, and less when:
 * <ul>
 *   <li>its own timers fire late or acknowledgements (its own, or the workers' callbacks) take long to reach
 *       Discord (a saturated machine, a slow Discord): it keeps that much of the window in reserve, plus a
 *       margin;</li>
 *   <li>the pipeline is behind: the newest interaction whose outcome is known (by when the gateway
 *       received it) took longer than that wait to be answered (half of it, before any worker has
 *       answered at all), or has waited that long and is still unanswered. Then waiting is pointless
 *       and the guard acknowledges at receipt; the answers to what it acknowledged still reach it, so
 *       the first one that comes in time ends the verdict.</li>
 * </ul>
 * Peaks decay (half-life {@link #PEAK_HALF_LIFE}), and a verdict of "behind" lasts until a newer
 * interaction is answered quickly or {@link #BEHIND_MEMORY} passes without news.
 */
final class DeadlineBudget {
    /** Discord's documented acknowledgement window: not ours to tune. */
    static final Duration DISCORD_WINDOW = Duration.ofSeconds(3);
    /** Kept free beyond the measured lags: the emulator's and Discord's own handling, clock skew. */
    static final Duration SAFETY_MARGIN = Duration.ofMillis(300);
    static final Duration PEAK_HALF_LIFE = Duration.ofSeconds(10);
    /**
     * The share of its planned wait an answer may take before the pipeline counts as behind: the whole of
     * it, so the guard acknowledges at receipt only what it would have had to acknowledge anyway, and a
     * pipeline recovering with answers inside the wait is left to answer itself.
     */
    static final double BEHIND_SHARE = 1.0;
    /**
     * The same before any worker has answered at all (a fresh start, every worker down): with no evidence
     * that the pipeline answers in time, the guard gives up waiting sooner, so the first wave of
     * acknowledgements leaves a cold machine more of Discord's window.
     */
    static final double BEHIND_SHARE_UNPROVEN = 0.5;
    /**
     * With every worker down no answer arrives to say the pipeline is back; after this long the next
     * interaction waits for a worker again, which tests the pipeline without flooding Discord.
     */
    static final Duration BEHIND_MEMORY = Duration.ofSeconds(30);

    private final long deadlineNanos;
    private final long windowNanos = DISCORD_WINDOW.toNanos();
    private final long marginNanos = SAFETY_MARGIN.toNanos();
    private final DecayingPeak timerLag = new DecayingPeak(PEAK_HALF_LIFE.toNanos());
    private final DecayingPeak sendLatency = new DecayingPeak(PEAK_HALF_LIFE.toNanos());
    private long newestReceivedAt;
    private long newestLatency;
    private boolean anyOutcome;
    private boolean anyAnswer;

    DeadlineBudget(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    /**
     * @param sinceWindowStartNanos how much of Discord's window has already passed
     * @return how much longer to wait for a worker, behind or not; 0 means acknowledge now
     */
    long waitNanos(long sinceWindowStartNanos, long nowNanos) {
        return Math.max(0, plannedWait(nowNanos) - sinceWindowStartNanos);
    }

    /** The part of Discord's window the guard keeps for its own timer and send latency. */
    long reserveNanos(long nowNanos) {
        return timerLag.current(nowNanos) + sendLatency.current(nowNanos) + marginNanos;
    }

    /**
     * Behind when the newest known outcome took longer than the guard would wait ({@link #BEHIND_SHARE};
     * {@link #BEHIND_SHARE_UNPROVEN} of it before any answer): waiting for such a pipeline only uses up
     * Discord's window, which a busy machine needs for the guard's own acknowledgement.
     */
    boolean behind(long nowNanos) {
        long threshold = threshold(nowNanos);
        synchronized (this) {
            return anyOutcome && newestLatency >= threshold && nowNanos - newestReceivedAt < BEHIND_MEMORY.toNanos();
        }
    }

    private long threshold(long nowNanos) {
        return (long) ((proven() ? BEHIND_SHARE : BEHIND_SHARE_UNPROVEN) * plannedWait(nowNanos));
    }

    /** How long after an interaction's creation the guard acknowledges it when nothing else says sooner. */
    private long plannedWait(long nowNanos) {
        return Math.min(deadlineNanos, windowNanos - reserveNanos(nowNanos));
    }

    /** A timer fired this late. */
    void timerFired(long lagNanos, long nowNanos) {
        timerLag.record(lagNanos, nowNanos);
    }

    /**
     * An acknowledgement took this long from the decision to send to Discord's answer, the guard's own or a worker's
     * callback (a Discord turning slow shows in the workers' answers before the guard's first own send).
     */
    void sent(long latencyNanos, long nowNanos) {
        sendLatency.record(latencyNanos, nowNanos);
    }

    /** A worker answered an interaction the gateway received at {@code receivedAtNanos}. */
    void answered(long receivedAtNanos, long nowNanos) {
        synchronized (this) {
            anyAnswer = true;
        }
        outcome(receivedAtNanos, nowNanos - receivedAtNanos);
    }

    /**
     * An interaction received at {@code receivedAtNanos} is still unanswered: the pipeline is at least this late.
     * A lower bound says nothing until it crosses the bar, so a newer interaction that has waited briefly does
     * not undo an older one's verdict.
     */
    void stillWaiting(long receivedAtNanos, long nowNanos) {
        long waited = nowNanos - receivedAtNanos;
        if (waited >= threshold(nowNanos)) {
            outcome(receivedAtNanos, waited);
        }
    }

    /** Whether any worker has answered yet: until one has, nothing says the pipeline answers in time. */
    synchronized boolean proven() {
        return anyAnswer;
    }

    /** The guard acknowledged an interaction no worker answered in time. */
    void steppedIn(long receivedAtNanos, long nowNanos) {
        // as late as the deadline at least, whatever the reserve made the wait
        outcome(receivedAtNanos, Math.max(nowNanos - receivedAtNanos, deadlineNanos));
    }

    private synchronized void outcome(long receivedAtNanos, long latencyNanos) {
        if (!anyOutcome || receivedAtNanos - newestReceivedAt >= 0) {
            newestReceivedAt = receivedAtNanos;
            newestLatency = latencyNanos;
            anyOutcome = true;
        }
    }

    /** What the verdict rests on, for the log line that reports a change of it. */
    String describe(long nowNanos) {
        long threshold = threshold(nowNanos);
        synchronized (this) {
            return "newest known outcome " + TimeUnit.NANOSECONDS.toMillis(newestLatency) + " ms after receipt, "
                    + TimeUnit.NANOSECONDS.toMillis(nowNanos - newestReceivedAt) + " ms ago; bar "
                    + TimeUnit.NANOSECONDS.toMillis(threshold) + " ms, reserve "
                    + TimeUnit.NANOSECONDS.toMillis(reserveNanos(nowNanos)) + " ms";
        }
    }

    static double seconds(long nanos) {
        return nanos / (double) TimeUnit.SECONDS.toNanos(1);
    }
}
