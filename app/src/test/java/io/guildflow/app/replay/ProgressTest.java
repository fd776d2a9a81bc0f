package io.guildflow.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void printsDoneOfTotalTheRateAndTheTimeLeftAtMostOnceASecondAndAtTheEnd() {
        StringWriter out = new StringWriter();
        Progress progress = new Progress(new PrintWriter(out, true), "GUILDFLOW_X", 4, 0);

        progress.done(SECOND / 2);
        progress.done(SECOND);
        progress.done(SECOND + SECOND / 2);
        progress.done(2 * SECOND);

        assertEquals(List.of("replay GUILDFLOW_X: 2/4 events, 2/s, 1s left",
                "replay GUILDFLOW_X: 4/4 events, 2/s, 0s left"), out.toString().lines().toList());
    }
}
