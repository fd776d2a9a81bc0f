package io.guildflow.gateway.ingress;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One interaction on its way to JetStream. Its state decides, under a compare-and-set, whether it
 * may still be sent or was abandoned: an abandoned interaction is never sent again.
 */
final class PendingPublish {
    enum State { QUEUED, SENDING, PUBLISHED, ABANDONED }

    final InteractionEnvelope envelope;
    final CompletableFuture<PublishAck> result = new CompletableFuture<>();
    private final String subject;
    private final Headers headers;
    private final byte[] data;
    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    /** An attempt ended without a clear answer: the message may be stored, so it must not be abandoned. */
    private volatile boolean inDoubt;
    private volatile int attempts;
    private volatile long retryAtNanos;

    PendingPublish(InteractionEnvelope envelope, String subject, Headers headers, byte[] data) {
        this.envelope = envelope;
        this.subject = subject;
        this.headers = headers;
        this.data = data;
    }

    /** A fresh message per attempt (jnats may mark a sent one); the same Nats-Msg-Id every time. */
    NatsMessage message() {
        Headers copy = new Headers();
        headers.entrySet().forEach(entry -> copy.put(entry.getKey(), entry.getValue()));
        return NatsMessage.builder().subject(subject).headers(copy).data(data).build();
    }

    boolean startSending() {
        if (!state.compareAndSet(State.QUEUED, State.SENDING)) {
            return false;
        }
        attempts++;
        return true;
    }

    void failed(boolean unclear, long retryAtNanos) {
        inDoubt |= unclear;
        this.retryAtNanos = retryAtNanos;
        state.set(State.QUEUED);
    }

    boolean published() {
        return state.compareAndSet(State.SENDING, State.PUBLISHED);
    }

    /** Only from QUEUED and never after an unclear attempt. */
    boolean abandon() {
        return !inDoubt && state.compareAndSet(State.QUEUED, State.ABANDONED);
    }

    boolean queued() {
        return state.get() == State.QUEUED;
    }

    boolean inDoubt() {
        return inDoubt;
    }

    int attempts() {
        return attempts;
    }

    long retryAtNanos() {
        return retryAtNanos;
    }
}
