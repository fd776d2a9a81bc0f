package io.guildflow.worker.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.guildflow.common.DependencyException;
import io.guildflow.common.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's PostgreSQL: a HikariCP pool and the Flyway migrations of
 * {@code db/migration}, in the schema of {@link DatabaseSettings#schema()} ({@code DATABASE_SCHEMA}): created if
 * missing, every connection's search path, home of both migration histories, so one database can host several
 * bots, environments or test runs.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Where a bot keeps its Flyway migrations, and their history table. */
    public static final String BOT_MIGRATIONS = "db/bot";
    public static final String BOT_HISTORY_TABLE = "bot_schema_history";

    /** How long the outage probe waits for the server to take a connection. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final RenewablePool pool;
    /** DB_CONNECT_TIMEOUT: how long start-up waits for a connection. */
    private final Duration connectTimeout;
    /** The pool, or the pool wrapped so that statements become spans (see the constructor). */
    private final DataSource traced;
    private final String schema;
    private final String description;
    private final String location;
    private volatile boolean migrated;

    public Database(DatabaseSettings settings, PoolSettings sizing, String poolName) {
        this(settings, sizing, poolName, Optional.empty());
    }

    /**
     * @param statementTracing when present (traces are exported), every statement, commit and
     *                         rollback run through {@link #connection()} or {@link #dataSource()} is a
     *                         CLIENT span under the current span ({@link StatementTracing}); when empty
     *                         the pool is used as it is and tracing costs nothing. Migrations and
     *                         health probes never go through it.
     */
    public Database(DatabaseSettings settings, PoolSettings sizing, String poolName,
                    Optional<OpenTelemetry> statementTracing) {
        this.schema = settings.schema();
        this.location = settings.describe();
        this.description = location + " schema " + schema;
        this.connectTimeout = sizing.connectTimeout();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password().reveal());
        }
        config.setPoolName(poolName);
        config.setMaximumPoolSize(sizing.maxSize());
        config.setMinimumIdle(Math.min(2, sizing.maxSize()));
        config.setIdleTimeout(sizing.idleTimeout().toMillis());
        config.setConnectionTimeout(sizing.connectTimeout().toMillis());
        config.setSchema(schema);
        // Do not fail construction when PostgreSQL is briefly down: migrate() reports it, and the
        // consumer retries events once it is back.
        config.setInitializationFailTimeout(-1);
        this.pool = new RenewablePool(config);
        this.traced = statementTracing.map(openTelemetry -> new StatementTracing(
                        openTelemetry.getTracer("io.guildflow.jdbc"), schema).wrap(pool))
                .orElse(pool);
    }

    /** HikariCP's pool meters ({@code hikaricp_connections_*}) into {@code registry}; once per pool. */
    public void bindMetrics(MeterRegistry registry) {
        pool.bindMetrics(new MicrometerMetricsTrackerFactory(registry));
    }

    public String schema() {
        return schema;
    }

    public DataSource dataSource() {
        return traced;
    }

    /** A pooled connection; {@link SQLException} (connection class 08) when PostgreSQL is unreachable. */
    public Connection connection() throws SQLException {
        return traced.getConnection();
    }

    /**
     * Applies pending migrations, the runtime's first, then the bot's; safe to run from every worker at
     * once (Flyway locks).
     *
     * @return how many it applied
     */
    public int migrate() {
        try {
            int applied = migrate(flyway(), "runtime")
                    + (hasBotMigrations() ? migrate(botFlyway(), "bot") : 0);
            migrated = true;
            log.info("database {} migrated ({} new migrations)", description, applied);
            return applied;
        } catch (FlywayException e) {
            throw migrationFailure("cannot migrate database ", e);
        }
    }

    /** Flyway's own "Validate failed" names no migration: the line says which, in which history, and the likely why. */
    private int migrate(Flyway flyway, String whose) {
        try {
            return flyway.migrate().migrationsExecuted;
        } catch (FlywayValidateException e) {
            throw new DependencyException(MigrationMismatch.describe(flyway, whose, schema), e);
        }
    }

    /** How many migrations {@link #migrate()} would apply (the runtime's and the bot's); reads only. */
    public int pendingMigrations() {
        try {
            return flyway().info().pending().length
                    + (hasBotMigrations() ? botFlyway().info().pending().length : 0);
        } catch (FlywayException e) {
            throw migrationFailure("cannot read the migrations of database ", e);
        }
    }

    /**
     * Flyway could not connect (then the cause named as at start-up), or PostgreSQL refused a migration:
     * either way the database says no, exit 3.
     */
    private DependencyException migrationFailure(String what, FlywayException e) {
        if (PostgresFailures.classify(e) != PostgresFailures.Cause.OTHER || PostgresFailures.connectionLost(e)) {
            return PostgresFailures.unusable(location, e);
        }
        return new DependencyException(what + description + ": " + oneLine(e), e);
    }

    private static String oneLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    /** For /ready: every known migration is applied (true once {@link #migrate()} succeeded here). */
    public boolean migrationsApplied() {
        if (migrated) {
            return true;
        }
        try {
            return flyway().info().pending().length == 0
                    && (!hasBotMigrations() || botFlyway().info().pending().length == 0);
        } catch (FlywayException e) {
            return false;
        }
    }

    /**
     * Start-up: one line saying why PostgreSQL cannot be used, from {@link PostgresFailures}: refused, unknown
     * host, no answer, missing database, refused credentials, failed TLS (exit 3, like every dependency).
     */
    public void requireReachable() {
        try {
            // Outside the pool first: HikariCP holds its caller for the whole DB_CONNECT_TIMEOUT even when its own
            // attempt was refused at once, so a wrong host, database or password took that long to be reported.
            pool.connectOutside(connectTimeout);
            try (Connection connection = pool.getConnection()) {
                connection.isValid(2);
            }
        } catch (SQLException e) {
            throw PostgresFailures.unusable(location, e);
        }
    }

    /** For /ready: a connection can be borrowed and answers. */
    public boolean isReachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * For the consumer paused by an outage: whether PostgreSQL takes connections again, asked outside the pool.
     * A pool that lost every connection is renewed then ({@link RenewablePool}), so the events pulled next get
     * connections at once instead of waiting up to 5 s for the old pool's backed-off reconnect attempts.
     */
    public boolean reachableAgain() {
        if (!pool.serverAnswers(PROBE_TIMEOUT)) {
            return false;
        }
        if (pool.renewIfEmpty()) {
            log.info("database {} answers again; connection pool renewed", description);
        }
        return true;
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(pool)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load();
    }

    private static boolean hasBotMigrations() {
        return Thread.currentThread().getContextClassLoader().getResource(BOT_MIGRATIONS) != null;
    }

    /**
     * The bot's own migrations: {@code classpath:db/bot}, with their own history table, so a bot's
     * {@code V1__…} never collides with the runtime's versions in {@code db/migration}. Baselined at 0
     * because the schema already holds the runtime's tables.
     */
    private Flyway botFlyway() {
        return Flyway.configure()
                .dataSource(pool)
                .schemas(schema)
                .defaultSchema(schema)
                .table(BOT_HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:" + BOT_MIGRATIONS)
                .failOnMissingLocations(false)
                .load();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Where, for people: host, port, database and schema, never the password. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "Database[" + description + "]";
    }
}
