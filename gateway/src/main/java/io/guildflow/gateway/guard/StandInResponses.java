package io.guildflow.gateway.guard;

import io.guildflow.common.discord.InteractionResponse;
import io.guildflow.common.envelope.InteractionKind;
import java.util.List;
import java.util.Optional;

/**
 * What the guard sends when no worker acknowledged in time: the acknowledgement that promises
 * least and leaves the worker free to give the real answer later.
 *
 * <p>Commands, context menus and modal submits are deferred <em>publicly</em> (type 5 without
 * the ephemeral flag). A command's visibility is decided by its handler inside the worker and
 * is not known to the gateway, and Discord fixes the visibility with the first acknowledgement:
 * a reply the handler meant to be ephemeral therefore becomes a public edit of the deferred
 * message when the guard had to step in. We chose this over deferring ephemerally because a
 * public answer that arrives is less surprising than a public answer hidden from the channel.
 */
final class StandInResponses {
    private StandInResponses() {
    }

    /** Empty for kinds Discord never asks to be acknowledged (lifecycle events). */
    static Optional<InteractionResponse> forKind(InteractionKind kind) {
        return switch (kind) {
            case COMMAND, MODAL -> Optional.of(InteractionResponse.deferredMessage(false));
            case COMPONENT -> Optional.of(InteractionResponse.deferredUpdate());
            case AUTOCOMPLETE -> Optional.of(InteractionResponse.autocomplete(List.of()));
            case LIFECYCLE -> Optional.empty();
        };
    }
}
