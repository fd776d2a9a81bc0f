package io.guildflow.gateway.guard;

import java.time.Duration;
import java.time.Instant;

/**
 * When Discord's 3 seconds started for an interaction. Discord counts from the interaction's
 * creation, which its id (a snowflake) carries to the millisecond; the gateway may read the
 * dispatch later (a busy or freshly started process), so the guard counts from the earlier of
 * the two. A snowflake time that is implausible (older than an interaction token lives, or not a
 * snowflake at all) is ignored and the receipt time used, as with a clock far off.
 */
final class DiscordWindow {
    private static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;
    private static final Duration PLAUSIBLE_LAG = Duration.ofMinutes(15);

    private DiscordWindow() {
    }

    static Instant start(String interactionId, Instant receivedAt) {
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
