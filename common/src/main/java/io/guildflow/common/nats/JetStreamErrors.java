package io.guildflow.common.nats;

/**
 * JetStream's API error codes the runtime acts on ({@code JetStreamApiException#getApiErrorCode()}), as the NATS
 * server defines them (server/errors.json), named once.
 */
public final class JetStreamErrors {
    /** A consumer that is not there (deleted, or never created). */
    public static final int CONSUMER_NOT_FOUND = 10014;
    /** A stream created meanwhile by another process with other settings. */
    public static final int STREAM_NAME_IN_USE = 10058;
    /** A stream that is not there (deleted, or a server restarted on an empty store). */
    public static final int STREAM_NOT_FOUND = 10059;
    /** A key-value create or update whose expected revision did not hold: someone else wrote first. */
    public static final int WRONG_LAST_SEQUENCE = 10071;

    private JetStreamErrors() {
    }
}
