package io.guildflow.testkit.recording;

import java.time.Instant;

/**
 * One gateway frame. {@code t} and {@code seq} are null for non-dispatch frames. {@code payload} is the raw JSON
 * text. Close frames and dropped connections are recorded with op -1 and the close code in {@code t}.
 */
public record GatewayFrame(
        long index,
        Instant at,
        Direction direction,
        String sessionId,
        int shard,
        int op,
        String t,
        Long seq,
        String payload) {

    public enum Direction {
        /** emulator to client */
        SENT,
        /** client to emulator */
        RECEIVED
    }
}
