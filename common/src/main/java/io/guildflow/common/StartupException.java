package io.guildflow.common;

/**
 * The process cannot start: a missing or malformed setting, or a dependency that is not there.
 * The message is one line saying what, where and what to do, and never a secret; the command line
 * prints it without a stack trace and exits with code 2.
 */
public class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
