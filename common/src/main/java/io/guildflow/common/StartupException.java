package io.guildflow.common;

/**
 * The process cannot start: a missing or malformed setting, or (as {@link DependencyException}) a
 * dependency that is down or refuses. The message is one line saying what, where and what to do, and
 * never a secret; the command line prints it without a stack trace and exits with {@link #exitCode()}.
 */
public class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Bad input or settings: wrong before anything was contacted, so retrying the same way cannot help. */
    public static final int EXIT_BAD_INPUT = 2;

    public StartupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** The code README.md documents for this failure. */
    public int exitCode() {
        return EXIT_BAD_INPUT;
    }
}
