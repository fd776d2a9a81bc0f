package io.guildflow.common.envelope;

/** An event that cannot be read as an interaction envelope; it goes to the dead-letter stream. */
public final class MalformedEnvelopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedEnvelopeException(String message) {
        super(message);
    }

    public MalformedEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
