package io.guildflow.gateway.events;

import java.time.Instant;

/**
 * One dispatch as the gateway received it, waiting in the {@link EventBuffer}: nothing parsed yet, so the JDA read
 * thread only copies bytes.
 *
 * @param type       Discord's dispatch name ({@code MESSAGE_CREATE})
 * @param shard      the shard that received it
 * @param receivedAt when the gateway received it
 * @param body       Discord's {@code d} object as JSON
 * @param localId    unique in this process: the message id of an event without a natural key, so the gateway's
 *                   own retry of a publish whose acknowledgement was lost is not stored twice
 */
record ReceivedEvent(String type, int shard, Instant receivedAt, byte[] body, String localId) {
    /** What an event costs the buffer beyond its body: the record, the strings, the queue slot. */
    static final int OVERHEAD_BYTES = 160;

    long size() {
        return body.length + OVERHEAD_BYTES;
    }
}
