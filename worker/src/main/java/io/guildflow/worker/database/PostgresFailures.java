package io.guildflow.worker.database;

import io.guildflow.common.DependencyException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The one place that reads PostgreSQL's failures: why a connection could not be made (for a start-up
 * line that names the real cause and what to do) and which SQLStates mean "the connection is gone" or
 * "lost to another transaction" (for the worker's retry decisions).
 *
 * <p>Exception types and SQLStates come first; the driver's text is read only for TLS, which pgjdbc
 * reports without a state of its own. Its "connection refused" text mentions "hostname", so reading
 * text first once turned a stopped server into a "TLS" failure.
 */
public final class PostgresFailures {
    /** Why no connection could be made. */
    public enum Cause {
        /** Nothing listens on that host and port (ECONNREFUSED). */
        REFUSED,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Sent packets, got no answer within the connect timeout (firewall, wrong host, no route). */
        NO_ANSWER,
        /** The server answered: no such database (3D000). */
        MISSING_DATABASE,
        /** The server refused the user or password (28P01, 28000). */
        AUTHENTICATION,
        /** TLS could not be set up or verified (no TLS on the server, untrusted certificate, other host name). */
        TLS,
        /** Anything else: the driver's own words. */
        OTHER
    }

    static final String INVALID_PASSWORD = "28P01";
    static final String INVALID_AUTHORIZATION = "28000";
    static final String INVALID_CATALOG = "3D000";
    /** pgjdbc's state when the server will not do TLS ("The server does not support SSL."). */
    static final String CONNECTION_REJECTED = "08004";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    private PostgresFailures() {
    }

    /** Why {@code error} (as thrown by pgjdbc or HikariCP, which wraps the last attempt's failure) happened. */
    public static Cause classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return Cause.UNKNOWN_HOST;
            }
            if (cause instanceof ConnectException && !(cause instanceof NoRouteToHostException)) {
                return Cause.REFUSED;
            }
            if (cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException) {
                return Cause.NO_ANSWER;
            }
            if (cause instanceof SSLException) {
                return Cause.TLS;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case INVALID_CATALOG:
                        return Cause.MISSING_DATABASE;
                    case INVALID_PASSWORD:
                    case INVALID_AUTHORIZATION:
                        return Cause.AUTHENTICATION;
                    default:
                        break;
                }
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("ssl") || text.contains("certificat") || text.contains("hostnameverifier")) {
                return Cause.TLS;
            }
        }
        return Cause.OTHER;
    }

    /**
     * One line for an operator: where, the real cause, and what to do. Never the password (pgjdbc's
     * messages name the user at most).
     *
     * @param location host, port and database, as {@link io.guildflow.common.config.DatabaseSettings#describe()}
     */
    public static DependencyException unusable(String location, Throwable error) {
        String driver = deepest(error);
        String message = switch (classify(error)) {
            case REFUSED -> "PostgreSQL at " + location + " refused the connection: nothing listens on that host and"
                    + " port (DATABASE_URL): start PostgreSQL there, or correct the host or port";
            case UNKNOWN_HOST -> "PostgreSQL at " + location + ": the host name does not resolve (DATABASE_URL):"
                    + " correct the host, or check DNS";
            case NO_ANSWER -> "PostgreSQL at " + location + " did not answer within DB_CONNECT_TIMEOUT (DATABASE_URL):"
                    + " check the host, port and any firewall between";
            case MISSING_DATABASE -> "PostgreSQL at " + location + " has no such database (DATABASE_URL): create it"
                    + " (createdb, or CREATE DATABASE) or correct the database name: " + driver;
            case AUTHENTICATION -> "PostgreSQL at " + location + " refused the credentials (DATABASE_URL user and"
                    + " password; the server's pg_hba.conf): " + driver;
            case TLS -> "PostgreSQL at " + location + " failed TLS verification (DATABASE_URL sslmode/sslrootcert,"
                    + " DATABASE_CA_FILE; the server's ssl setting): " + driver;
            case OTHER -> "cannot use PostgreSQL at " + location + " (DATABASE_URL): " + driver;
        };
        return new DependencyException(message, error);
    }

    /** The innermost message that says something, on one line (HikariCP's own is only "request timed out"). */
    private static String deepest(Throwable error) {
        String found = String.valueOf(error.getMessage());
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                found = cause.getMessage();
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && !(cause.getCause() instanceof SQLException)) {
                break;
            }
        }
        String line = found.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline).strip();
    }

    /** The connection itself broke or the server is going away (class 08, 57P): retry elsewhere, later. */
    public static boolean connectionLost(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lost to other transactions: a serialisation race (40001), a deadlock (40P01), lock_timeout (55P03), or
     * statement_timeout (57014). lock_timeout bounds each single wait; a statement on a hot row (one signup,
     * many clicks) queues for one holder after another and reaches statement_timeout, the handler limit,
     * without any single wait being too long, and PostgreSQL does not always say it was waiting. Worth a
     * retry, not an apology (a query slow on its own gets the apology at its last attempt).
     */
    public static boolean contended(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || state.equals(LOCK_NOT_AVAILABLE)
                        || state.equals(QUERY_CANCELED)) {
                    return true;
                }
            }
        }
        return false;
    }
}
