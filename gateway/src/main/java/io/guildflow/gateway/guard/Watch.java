package io.guildflow.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.util.concurrent.ScheduledFuture;

/** One watched interaction; the timer is set right after the watch is registered. */
final class Watch {
    final InteractionEnvelope envelope;
    final ObjectNode standIn;
    final long receivedNanos;
    volatile long dueNanos;
    volatile ScheduledFuture<?> timer;

    Watch(InteractionEnvelope envelope, ObjectNode standIn, long receivedNanos) {
        this.envelope = envelope;
        this.standIn = standIn;
        this.receivedNanos = receivedNanos;
    }
}
