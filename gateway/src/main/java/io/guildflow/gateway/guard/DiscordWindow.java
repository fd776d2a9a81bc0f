package io.guildflow.gateway.guard;

import io.guildflow.common.envelope.InteractionTime;
import java.time.Instant;

/**
 * When Discord's 3 seconds started for an interaction. Discord counts from the interaction's
 * creation; the gateway may read the dispatch later (a busy or freshly started process), so the
 * guard counts from the earlier of the two (see {@link InteractionTime}).
 */
final class DiscordWindow {
    private DiscordWindow() {
    }

    static Instant start(String interactionId, Instant receivedAt) {
        return InteractionTime.created(interactionId, receivedAt);
    }
}
