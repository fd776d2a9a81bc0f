package io.guildflow.worker.database;

import io.guildflow.common.DaemonThreads;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The HikariCP pool behind {@link Database}, replaced by a fresh one after an outage. While PostgreSQL is
 * down, Hikari's connection adder doubles its pause between attempts up to 5 s (fixed inside HikariCP), so
 * an old pool can take that long to notice the server is back while every handler waits on it. A pool that
 * lost all its connections is therefore renewed as soon as a connection opened outside it gets through.
 */
final class RenewablePool implements DataSource, AutoCloseable {
    private final HikariConfig configuration;
    private volatile HikariDataSource current;
    /** Guarded by this. */
    private MetricsTrackerFactory metrics;

    RenewablePool(HikariConfig configuration) {
        this.configuration = configuration;
        this.current = new HikariDataSource(configuration);
    }

    synchronized void bindMetrics(MetricsTrackerFactory factory) {
        metrics = factory;
        current.setMetricsTrackerFactory(factory);
    }

    /** Whether the server takes a new connection now, asked outside the pool so the answer never waits for it. */
    boolean serverAnswers(Duration timeout) {
        try {
            connectOutside(timeout);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Opens one connection outside the pool, checks that it answers and closes it: the driver's own failure comes
     * as soon as the server refuses (nothing listening, no such database, credentials, TLS), and at the latest
     * after {@code timeout} (whole seconds, at least one) when nothing answers.
     */
    void connectOutside(Duration timeout) throws SQLException {
        int seconds = (int) Math.max(1, timeout.toSeconds());
        Properties properties = new Properties();
        if (configuration.getUsername() != null) {
            properties.setProperty("user", configuration.getUsername());
        }
        if (configuration.getPassword() != null) {
            properties.setProperty("password", configuration.getPassword());
        }
        properties.setProperty("connectTimeout", Integer.toString(seconds));
        properties.setProperty("loginTimeout", Integer.toString(seconds));
        properties.setProperty("socketTimeout", Integer.toString(seconds));
        try (Connection connection = DriverManager.getConnection(configuration.getJdbcUrl(), properties)) {
            if (!connection.isValid(seconds)) {
                throw new SQLTransientConnectionException("PostgreSQL took the connection but did not answer within "
                        + seconds + " s");
            }
        }
    }

    /**
     * Replaces the pool when it holds no connection at all; a pool with live connections has recovered already.
     *
     * @return whether it was replaced
     */
    synchronized boolean renewIfEmpty() {
        HikariDataSource old = current;
        if (old.getHikariPoolMXBean() != null && old.getHikariPoolMXBean().getTotalConnections() > 0) {
            return false;
        }
        HikariDataSource fresh = new HikariDataSource(configuration);
        current = fresh;
        // Closing waits for the old pool's adder to wake from its back-off (up to 5 s): not on the caller's time.
        DaemonThreads.thread(configuration.getPoolName() + "-retire", () -> retire(old, fresh)).start();
        return true;
    }

    private void retire(HikariDataSource old, HikariDataSource fresh) {
        old.close(); // also removes its meters, which the fresh pool then registers under the same pool name
        synchronized (this) {
            if (metrics != null && current == fresh) {
                fresh.setMetricsTrackerFactory(metrics);
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        HikariDataSource pool = current;
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            if (pool == current) {
                throw e;
            }
            // Renewed while this caller waited on the old pool: the server is back, and the new pool serves.
            return current.getConnection();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return current.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        current.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        current.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return current.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return current.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return current.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return current.isWrapperFor(type);
    }

    @Override
    public synchronized void close() {
        current.close();
    }
}
