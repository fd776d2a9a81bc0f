package io.guildflow.worker.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.worker.database.PostgresFailures.Cause;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** The classification on its own, for what the test server cannot produce (it trusts every local role). */
class PostgresFailuresTest {

    @Test
    void aRefusedPasswordIsAnAuthenticationFailureAndKeepsTheDriversReason() {
        SQLException refused = new SQLException("FATAL: password authentication failed for user \"bot\"", "28P01");
        // HikariCP hands out the last attempt's failure as the cause of its own timeout.
        SQLException pooled = new SQLTransientConnectionException("pool - Connection is not available", "28P01", refused);
        assertEquals(Cause.AUTHENTICATION, PostgresFailures.classify(pooled));
        assertEquals("PostgreSQL at postgresql://db:5432/bot refused the credentials (DATABASE_URL user and password;"
                + " the server's pg_hba.conf): FATAL: password authentication failed for user \"bot\"",
                PostgresFailures.unusable("postgresql://db:5432/bot", pooled).getMessage());
        assertEquals(Cause.AUTHENTICATION, PostgresFailures.classify(
                new SQLException("FATAL: no pg_hba.conf entry for host", "28000")));
    }

    @Test
    void theDriversRefusedTextMentionsHostnameButIsNotTls() {
        PSQLException refused = new PSQLException("Connection to db:5432 refused. Check that the hostname and port are"
                + " correct and that the postmaster is accepting TCP/IP connections.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        assertEquals(Cause.REFUSED, PostgresFailures.classify(refused));
    }

    @Test
    void anUnclassifiedFailureSaysWhatTheDriverSaid() {
        SQLException full = new SQLException("FATAL: sorry, too many clients already", "53300");
        assertEquals(Cause.OTHER, PostgresFailures.classify(full));
        assertEquals("cannot use PostgreSQL at postgresql://db:5432/bot (DATABASE_URL): FATAL: sorry, too many clients"
                + " already", PostgresFailures.unusable("postgresql://db:5432/bot", full).getMessage());
    }

    @Test
    void lostConnectionsAndContentionAreToldApart() {
        assertTrue(PostgresFailures.connectionLost(new RuntimeException(new SQLException("gone", "08006"))));
        assertTrue(PostgresFailures.connectionLost(new SQLException("shutting down", "57P01")));
        assertFalse(PostgresFailures.connectionLost(new SQLException("deadlock", "40P01")));
        for (String state : new String[] {"40001", "40P01", "55P03", "57014"}) {
            assertTrue(PostgresFailures.contended(new SQLException("lost", state)), state);
        }
        assertFalse(PostgresFailures.contended(new SQLException("unique", "23505")));
    }
}
