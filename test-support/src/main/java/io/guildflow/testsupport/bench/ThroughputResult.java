package io.guildflow.testsupport.bench;

import java.util.Locale;

/**
 * Figures measured by {@link EmulatorThroughput}. REST: {@code restThreads} keep-alive connections calling
 * {@code GET /users/@me} for {@code restSeconds}. Gateway: INTERACTION_CREATE dispatches (slash commands, each fully
 * recorded) counted as received by one WebSocket client.
 */
public record ThroughputResult(
        int restThreads,
        long restCalls,
        long restErrors,
        double restSeconds,
        double restCallsPerSecond,
        long dispatches,
        double dispatchSeconds,
        double dispatchesPerSecond,
        long recordedRestCalls,
        long recordedGatewayFrames) {

    public String summary() {
        return String.format(Locale.ROOT,
                "REST: %.0f calls/s (%d calls, %d errors, %d threads, %.1f s); gateway: %.0f dispatches/s "
                        + "(%d INTERACTION_CREATE in %.2f s); recorded %d REST calls, %d gateway frames",
                restCallsPerSecond, restCalls, restErrors, restThreads, restSeconds, dispatchesPerSecond, dispatches,
                dispatchSeconds, recordedRestCalls, recordedGatewayFrames);
    }
}
