package io.guildflow.devtools.bench;

import io.guildflow.common.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A flood beside the measured interactions: {@code rate} sends a second for {@code duration}, open loop (each at its
 * due time, however long the last took), on a thread of its own; {@link #await} joins it and returns what each send
 * gave back, in order.
 */
final class PacedSender<T> {
    /** One send: the {@code index}-th, due at {@code due} on the sender's clock. */
    interface Send<T> {
        T send(int index, Instant due);
    }

    private final List<T> sent;
    private final Thread thread;
    private volatile RuntimeException failure;

    private PacedSender(String name, Clock clock, double rate, int count, Send<T> send) {
        this.sent = new ArrayList<>(count);
        long periodNanos = (long) (1e9 / rate);
        this.thread = DaemonThreads.thread(name, () -> {
            Instant start = clock.instant();
            long startNanos = System.nanoTime();
            try {
                for (int i = 0; i < count; i++) {
                    OpenLoopTraffic.awaitDue(startNanos + i * periodNanos);
                    T result = send.send(i, start.plusNanos(i * periodNanos));
                    synchronized (sent) {
                        sent.add(result);
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        });
    }

    static <T> PacedSender<T> start(String name, Clock clock, double rate, Duration duration, Send<T> send) {
        PacedSender<T> sender = new PacedSender<>(name, clock, rate,
                (int) Math.round(rate * duration.toNanos() / 1e9), send);
        sender.thread.start();
        return sender;
    }

    /** Waits for the last send; a send that failed fails here. */
    List<T> await() throws InterruptedException {
        thread.join();
        if (failure != null) {
            throw failure;
        }
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }
}
