package io.guildflow.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.util.concurrent.ScheduledFuture;

/** One watched interaction; the timer is set right after the watch is registered. */
final class Watch {
    final InteractionEnvelope envelope;
    final ObjectNode standIn;
    final long receivedNanos;
    /** Where Discord's window closes for it ({@link GuardSettings#MAX_DEADLINE} after its creation), in nanos. */
    final long lastChanceNanos;
    volatile long dueNanos;
    /** Due at receipt: sent as soon as this gateway knows it published the interaction first. */
    volatile boolean atOnce;
    /** Another gateway published it first: that one acknowledges, this one only if that one did not. */
    volatile boolean standby;
    volatile ScheduledFuture<?> timer;

    Watch(InteractionEnvelope envelope, ObjectNode standIn, long receivedNanos, long lastChanceNanos) {
        this.envelope = envelope;
        this.standIn = standIn;
        this.receivedNanos = receivedNanos;
        this.lastChanceNanos = lastChanceNanos;
    }
}
