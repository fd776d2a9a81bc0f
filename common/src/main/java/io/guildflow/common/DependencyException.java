package io.guildflow.common;

/**
 * A dependency (PostgreSQL, NATS, Discord) is down or refuses: unreachable, unknown host, refused
 * credentials or TLS, a missing database, a refused request. One exit code for all of them, in
 * {@code run} and in {@code setup} alike, so an operator (or a Kubernetes Job's failure policy) can
 * tell "fix the settings" (2) from "the other side is not there or says no" (3).
 */
public class DependencyException extends StartupException {
    private static final long serialVersionUID = 1L;
    public static final int EXIT_DEPENDENCY = 3;

    public DependencyException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return EXIT_DEPENDENCY;
    }
}
