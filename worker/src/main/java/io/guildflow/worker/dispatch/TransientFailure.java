package io.guildflow.worker.dispatch;

/**
 * Processing could not finish for a reason that will pass (database unreachable, a lock held by a
 * hung peer, shutdown): nothing was committed, and the event should be delivered again later.
 */
public final class TransientFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, so the consumer can tell "stop pulling until the database is back" from "retry this one later". */
    public enum Reason {
        /** No connection, or the connection broke: every event would fail the same way. */
        DATABASE_UNREACHABLE,
        /** A lock or serialisation conflict, or an interruption: this event only, retry with backoff. */
        CONTENDED
    }

    private final Reason reason;

    public TransientFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
