package io.guildflow.common.envelope;

import java.time.Duration;
import java.time.Instant;

/**
 * When Discord created an interaction: its id (a snowflake) carries the time to the millisecond.
 * A snowflake time that is implausible (older than an interaction token lives, later than our
 * receipt, or not a snowflake at all) is ignored and the receipt time used, as with a clock far off.
 */
public final class InteractionTime {
    private static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;
    private static final Duration PLAUSIBLE_LAG = Duration.ofMinutes(15);

    private InteractionTime() {
    }

    /** The creation time from {@code interactionId}, or {@code receivedAt} when that is implausible. */
    public static Instant created(String interactionId, Instant receivedAt) {
        long snowflake;
        try {
            snowflake = Long.parseUnsignedLong(interactionId);
        } catch (NumberFormatException e) {
            return receivedAt;
        }
        Instant created = Instant.ofEpochMilli((snowflake >>> 22) + DISCORD_EPOCH_MILLIS);
        if (created.isAfter(receivedAt) || created.isBefore(receivedAt.minus(PLAUSIBLE_LAG))) {
            return receivedAt;
        }
        return created;
    }
}
