package io.guildflow.app.setup;

import io.guildflow.common.DependencyException;

/**
 * An expected reason setup cannot finish: one line for the operator and the exit code the
 * command documents. No stack trace: the message says what and where.
 */
public final class SetupFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** A dependency is unreachable or refuses: Discord (with its code and message), PostgreSQL or NATS. */
    public static final int DEPENDENCY = DependencyException.EXIT_DEPENDENCY;
    /** The bot is not a member of the guild (or the guild does not exist). */
    public static final int NOT_IN_GUILD = 4;

    private final int exitCode;

    SetupFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
