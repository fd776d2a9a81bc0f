package io.guildflow.app.runtime;

/** A dependency that the process cannot start without; the message says which, where, and what to do. */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
