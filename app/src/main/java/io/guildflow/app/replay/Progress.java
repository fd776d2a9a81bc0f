package io.guildflow.app.replay;

import java.io.PrintWriter;
import java.time.Duration;

/** Events done of the total, the rate and the time left, on stderr at most once a second and once at the end. */
final class Progress {
    private static final long PERIOD_NANOS = Duration.ofSeconds(1).toNanos();

    private final PrintWriter err;
    private final String what;
    private final long total;
    private final long started;
    private long lastPrinted;
    private long done;

    Progress(PrintWriter err, String what, long total, long now) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.started = now;
        this.lastPrinted = now;
    }

    void done(long now) {
        done++;
        if (done == total || now - lastPrinted >= PERIOD_NANOS) {
            lastPrinted = now;
            err.println(line(now));
            err.flush();
        }
    }

    String line(long now) {
        double seconds = Math.max(now - started, 1) / 1e9;
        double rate = done / seconds;
        long left = rate > 0 ? Math.round((total - done) / rate) : -1;
        return String.format("replay %s: %d/%d events, %.0f/s, %s left", what, done, total, rate,
                left < 0 ? "unknown time" : Duration.ofSeconds(left).toString().substring(2).toLowerCase());
    }
}
