package io.guildflow.gateway.events;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The gateway's one ordered queue of events between JDA's read threads and the publisher thread, bounded in bytes.
 * The publisher looks at the head, publishes it and only then removes it: a failed publish is retried at the head,
 * so events reach the stream in the order they arrived here, also across a NATS outage.
 */
final class EventBuffer {
    private final long maxBytes;
    private final ArrayDeque<ReceivedEvent> queue = new ArrayDeque<>();
    private long bytes;

    EventBuffer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Appends the event unless that would exceed the byte bound; never waits. */
    synchronized boolean offer(ReceivedEvent event) {
        if (bytes + event.size() > maxBytes) {
            return false;
        }
        queue.addLast(event);
        bytes += event.size();
        notifyAll();
        return true;
    }

    /** The oldest event, waiting at most {@code timeout} for one; null if none arrived. */
    synchronized ReceivedEvent awaitHead(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (queue.isEmpty()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return queue.peekFirst();
    }

    /** Removes {@code head} once it is stored; anything else is left where it is. */
    synchronized void removeHead(ReceivedEvent head) {
        if (queue.peekFirst() == head) {
            queue.removeFirst();
            bytes -= head.size();
            notifyAll();
        }
    }

    /** Waits until every event offered so far is removed, at most {@code timeout}. */
    synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!queue.isEmpty()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return queue.size();
    }
}
