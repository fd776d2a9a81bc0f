package io.guildflow.testkit.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Thread-safe append-only log of REST calls and gateway frames, bounded (oldest entries dropped first). */
public final class Recorder {
    private final int limit;
    private final ConcurrentLinkedQueue<RestCall> rest = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<GatewayFrame> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger restSize = new AtomicInteger();
    private final AtomicInteger frameSize = new AtomicInteger();
    private final AtomicLong restIndex = new AtomicLong();
    private final AtomicLong frameIndex = new AtomicLong();

    public Recorder(int limit) {
        this.limit = limit;
    }

    public void rest(
            Instant at,
            String method,
            String route,
            String path,
            String query,
            String body,
            int status,
            String responseBody) {
        rest.add(new RestCall(restIndex.incrementAndGet(), at, method, route, path, query, body, status, responseBody));
        if (restSize.incrementAndGet() > limit && rest.poll() != null) {
            restSize.decrementAndGet();
        }
    }

    public void frame(
            Instant at,
            GatewayFrame.Direction direction,
            String sessionId,
            int shard,
            int op,
            String t,
            Long seq,
            String payload) {
        frames.add(new GatewayFrame(frameIndex.incrementAndGet(), at, direction, sessionId, shard, op, t, seq, payload));
        if (frameSize.incrementAndGet() > limit && frames.poll() != null) {
            frameSize.decrementAndGet();
        }
    }

    public List<RestCall> restCalls() {
        return new ArrayList<>(rest);
    }

    public List<GatewayFrame> gatewayFrames() {
        return new ArrayList<>(frames);
    }

    public long restCallCount() {
        return restIndex.get();
    }

    public long gatewayFrameCount() {
        return frameIndex.get();
    }

    public void clear() {
        rest.clear();
        frames.clear();
        restSize.set(0);
        frameSize.set(0);
    }
}
