package io.guildflow.app.health;

import java.util.Objects;

/**
 * Outcome of one readiness check. {@code detail} is shown verbatim on {@code /ready}, so it must
 * never carry secrets (tokens, passwords, connection strings with credentials).
 */
public record CheckResult(boolean ok, String detail) {

    public CheckResult {
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckResult ok(String detail) {
        return new CheckResult(true, detail);
    }

    public static CheckResult failing(String detail) {
        return new CheckResult(false, detail);
    }
}
