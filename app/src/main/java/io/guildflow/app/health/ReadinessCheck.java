package io.guildflow.app.health;

/**
 * One named condition the runtime needs before it may receive traffic (NATS connected, consumer
 * bound, database reachable...). Implementations should be cheap: they run on every {@code /ready}
 * request. Throwing is allowed; {@link Readiness} turns exceptions into failing results.
 */
@FunctionalInterface
public interface ReadinessCheck {
    CheckResult check() throws Exception;
}
