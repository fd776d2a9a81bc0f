package io.guildflow.gateway.guard;

import io.guildflow.common.config.EnvironmentValues;
import java.time.Duration;

/**
 * @param deadline counted from the interaction's creation at Discord ({@code ACK_DEADLINE}); the
 *                 longest the guard waits for a worker
 * @param capacity interactions watched at once (received but neither answered nor deferred)
 * @param senders  threads sending deferrals, each on a connection of its own; calls wait on the
 *                 network, so a burst of deferrals (every worker down, a saturated machine) must
 *                 not queue behind a few slow calls
 */
public record GuardSettings(Duration deadline, int capacity, int senders) {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);
    /** Discord drops an interaction not acknowledged within 3 s; the guard's own call needs the rest. */
    public static final Duration MAX_DEADLINE = Duration.ofMillis(2_800);
    /** Far above what one gateway receives within a deadline; it bounds the memory a flood can take. */
    public static final int DEFAULT_CAPACITY = 100_000;
    /** Not a setting: sized for a burst of deferrals with every worker down, not for what a deployment tunes. */
    public static final int DEFAULT_SENDERS = 64;

    /** {@code ACK_DEADLINE}, {@code GUARD_CAPACITY}. */
    public static GuardSettings from(EnvironmentValues values) {
        return new GuardSettings(
                values.duration("ACK_DEADLINE", DEFAULT_DEADLINE, Duration.ofMillis(1), MAX_DEADLINE,
                        "at most 2800ms: Discord drops an interaction not acknowledged within 3s"),
                values.positiveInt("GUARD_CAPACITY", DEFAULT_CAPACITY), DEFAULT_SENDERS);
    }
}
