package io.guildflow.worker.dispatch;

/**
 * Processing could not finish for a reason that will pass (database unreachable, connection lost,
 * shutdown): nothing was committed, and the event should be delivered again later.
 */
public final class TransientFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
