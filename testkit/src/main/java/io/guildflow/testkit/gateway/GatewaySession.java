package io.guildflow.testkit.gateway;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A gateway session (what RESUME refers to). Dispatches get consecutive sequence numbers and are kept in a bounded
 * buffer so a resuming client receives what it missed. A session outlives its connection until invalidated.
 */
final class GatewaySession {
    private record Sent(long seq, String t, String frame) {}

    private final String id;
    private final int shard;
    private final int total;
    private final int bufferLimit;
    private final long intents;
    private final Deque<Sent> buffer = new ArrayDeque<>();
    private GatewayConnection connection;
    private long seq;
    private boolean invalid;
    private int resumes;
    private long detachedAtNanos;

    GatewaySession(String id, int shard, int total, int bufferLimit, long intents) {
        this.id = id;
        this.intents = intents;
        this.shard = shard;
        this.total = total;
        this.bufferLimit = bufferLimit;
    }

    String id() {
        return id;
    }

    int shard() {
        return shard;
    }

    int total() {
        return total;
    }

    /** True if the session identified with this intent. */
    boolean has(long intent) {
        return (intents & intent) == intent;
    }

    /** True if the session identified with any of these intent bits (0: no intent needed). */
    boolean wants(long intentBits) {
        return intentBits == 0 || (intents & intentBits) != 0;
    }

    synchronized boolean invalid() {
        return invalid;
    }

    synchronized void invalidate() {
        invalid = true;
        buffer.clear();
    }

    synchronized int resumes() {
        return resumes;
    }

    synchronized long seq() {
        return seq;
    }

    synchronized GatewayConnection connection() {
        return connection;
    }

    synchronized boolean connected() {
        return connection != null && connection.isOpen();
    }

    synchronized void attach(GatewayConnection c) {
        connection = c;
        c.bind(this);
    }

    synchronized void detach(GatewayConnection c) {
        if (connection == c) {
            connection = null;
            detachedAtNanos = System.nanoTime();
        }
    }

    /** True if nobody has been connected to this session for longer than {@code maxNanos}. */
    synchronized boolean abandonedFor(long maxNanos) {
        return connection == null && System.nanoTime() - detachedAtNanos > maxNanos;
    }

    /** Assigns the next sequence number, buffers the frame and sends it if connected. */
    synchronized void dispatch(String t, String dataJson) {
        if (invalid) {
            return;
        }
        long s = ++seq;
        String frame = "{\"op\":0,\"s\":" + s + ",\"t\":\"" + t + "\",\"d\":" + dataJson + "}";
        buffer.addLast(new Sent(s, t, frame));
        if (buffer.size() > bufferLimit) {
            buffer.removeFirst();
        }
        if (connection != null) {
            connection.send(frame, 0, t, s);
        }
    }

    /**
     * Binds a new connection and replays every buffered dispatch after {@code lastSeq}, then RESUMED. Returns false
     * when the buffer no longer reaches back to {@code lastSeq} (the client must identify again).
     */
    synchronized boolean resume(GatewayConnection c, long lastSeq) {
        if (invalid || (!buffer.isEmpty() && buffer.peekFirst().seq() > lastSeq + 1) || lastSeq > seq) {
            return false;
        }
        attach(c);
        resumes++;
        for (Sent sent : buffer) {
            if (sent.seq() > lastSeq) {
                c.send(sent.frame(), 0, sent.t(), sent.seq());
            }
        }
        dispatch("RESUMED", "{}");
        return true;
    }
}
