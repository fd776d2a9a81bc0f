package io.guildflow.testkit;

import java.time.Instant;

/**
 * An interaction the emulator dispatched.
 *
 * @param guildId null for DM interactions
 * @param type Discord interaction type: 2 application command, 3 message component, 4 autocomplete, 5 modal submit
 * @param name full command name or custom_id
 * @param sessionsReached gateway sessions the INTERACTION_CREATE was delivered (or buffered) to
 */
public record DispatchedInteraction(
        String id,
        String token,
        String guildId,
        String channelId,
        String userId,
        int type,
        String name,
        Instant dispatchedAt,
        int sessionsReached) {
}
