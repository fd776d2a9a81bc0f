package io.guildflow.worker.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.testsupport.net.CuttableProxy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The real PostgreSQL behind a proxy the test cuts. Once the server answers again, the consumer's probe
 * ({@link Database#reachableAgain()}) leaves a pool that serves at once, however far HikariCP's own reconnect
 * attempts had backed off during the outage (up to 5 s apart after 5 s of failures), and its meters are the new
 * pool's.
 */
class DatabaseReconnectIT {
    /** Long enough for HikariCP's adder to reach its 5 s pause between attempts. */
    private static final Duration OUTAGE = Duration.ofSeconds(6);
    /** Far below that pause: a pool still waiting on its adder cannot serve within it. */
    private static final PoolSettings SHORT_WAITS = new PoolSettings(4, Duration.ofSeconds(30), Duration.ofSeconds(1));

    @Test
    void afterAnOutageThePoolServesAsSoonAsTheServerAnswers() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy("127.0.0.1", 5432);
             Database database = new Database(new DatabaseSettings(
                     "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test", "postgres", null), SHORT_WAITS, "reconnect-test")) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            database.bindMetrics(meters);
            assertEquals(1, selectOne(database));

            proxy.cut();
            long outageEnds = System.nanoTime() + OUTAGE.toNanos();
            int refused = 0;
            while (System.nanoTime() < outageEnds) {
                // Callers keep waiting on the pool, as handlers do, which keeps its adder retrying and backing off.
                assertThrows(SQLException.class, () -> selectOne(database));
                refused++;
            }
            assertTrue(refused > 0);
            assertFalse(database.reachableAgain(), "the probe sees the server gone");
            // A handler already waiting on the old pool when it is renewed is served by the new one.
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return selectOne(database);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            });
            Thread.sleep(200);

            proxy.restore();
            assertTrue(database.reachableAgain(), "the probe sees the server back");
            assertEquals(1, waiting.get(), "the caller that waited across the renewal");
            for (int i = 0; i < 8; i++) {
                assertEquals(1, selectOne(database), "served within the 1 s connect timeout right after the return");
            }
            assertTrue(database.isReachable());
            // The old pool is closed in the background (it waits for its adder); then the new one's meters count.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (totalConnectionsMetered(meters) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(totalConnectionsMetered(meters) >= 1, "hikaricp_connections meters the renewed pool");
        }
    }

    private static double totalConnectionsMetered(SimpleMeterRegistry meters) {
        Gauge total = meters.find("hikaricp.connections").tag("pool", "reconnect-test").gauge();
        return total == null ? 0 : total.value();
    }

    private static int selectOne(Database database) throws SQLException {
        try (Connection connection = database.connection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT 1")) {
            row.next();
            return row.getInt(1);
        }
    }
}
