package io.guildflow.gateway.guard;

/**
 * The largest recent value of a latency, halving every {@code halfLifeNanos}: one slow moment
 * makes the guard careful for a while, and the care fades once the machine is quiet again.
 */
final class DecayingPeak {
    private final long halfLifeNanos;
    private long peak;
    private long peakAt;

    DecayingPeak(long halfLifeNanos) {
        this.halfLifeNanos = halfLifeNanos;
    }

    synchronized void record(long sample, long nowNanos) {
        if (sample > current(nowNanos)) {
            peak = sample;
            peakAt = nowNanos;
        }
    }

    synchronized long current(long nowNanos) {
        if (peak <= 0) {
            return 0;
        }
        double halvings = Math.max(0, nowNanos - peakAt) / (double) halfLifeNanos;
        return (long) (peak * Math.pow(0.5, halvings));
    }
}
