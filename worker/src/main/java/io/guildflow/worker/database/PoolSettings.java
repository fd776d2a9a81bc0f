package io.guildflow.worker.database;

import io.guildflow.common.config.EnvironmentValues;
import java.time.Duration;

/**
 * How large the HikariCP pool of a {@link Database} is and how long it waits: {@code DB_POOL_MAX},
 * {@code DB_IDLE_TIMEOUT}, {@code DB_CONNECT_TIMEOUT}. The pool itself is {@link RenewablePool}.
 *
 * @param maxSize        connections at most
 * @param idleTimeout    an idle connection above the minimum is closed after this
 * @param connectTimeout how long a caller waits for a connection from the pool
 */
public record PoolSettings(int maxSize, Duration idleTimeout, Duration connectTimeout) {
    public static final PoolSettings DEFAULT = new PoolSettings(10, Duration.ofSeconds(30), Duration.ofSeconds(5));

    public static PoolSettings from(EnvironmentValues values) {
        return new PoolSettings(values.positiveInt("DB_POOL_MAX", DEFAULT.maxSize()),
                values.duration("DB_IDLE_TIMEOUT", DEFAULT.idleTimeout()),
                values.duration("DB_CONNECT_TIMEOUT", DEFAULT.connectTimeout()));
    }
}
