package io.guildflow.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.database.PoolSettings;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.guildflow.worker.jobs.LedgerRetention;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        WorkerSettings worker = from(Map.of());
        assertTrue(worker.database().isEmpty());
        assertEquals(new PoolSettings(10, Duration.ofSeconds(30), Duration.ofSeconds(5)), worker.pool());
        assertEquals(ConsumerSettings.DEFAULT, worker.consumer());
        assertEquals(new TransactionLimits(Duration.ofSeconds(2), Duration.ofSeconds(5)), worker.transactions());
        assertEquals(new LedgerRetention(Duration.ofHours(72)), worker.retention());
    }

    @Test
    void everyPartReadsItsOwnVariables() {
        WorkerSettings worker = from(Map.of("DATABASE_URL", "postgres://u@db:5432/bot", "DB_POOL_MAX", "4",
                "WORKER_CONCURRENCY", "2", "HANDLER_TIMEOUT", "30s", "DB_LOCK_TIMEOUT", "500ms",
                "LEDGER_RETENTION", "PT72H"));
        assertEquals("jdbc:postgresql://db:5432/bot", worker.database().orElseThrow().jdbcUrl());
        assertEquals(4, worker.pool().maxSize());
        assertEquals(2, worker.consumer().concurrency());
        assertEquals(new TransactionLimits(Duration.ofMillis(500), Duration.ofSeconds(30)), worker.transactions());
        assertEquals(Duration.ofHours(72), worker.retention().retention());
    }

    @Test
    void aHandlerMayRunWhileItsTokenLivesAndNoLockWaitOutlastsIt() {
        for (String bad : List.of("50ms", "15m")) {
            ConfigException error = assertThrows(ConfigException.class, () -> from(Map.of("HANDLER_TIMEOUT", bad)));
            assertTrue(error.getMessage().startsWith("HANDLER_TIMEOUT=" + bad + " is not valid: expected from 100ms to 14m"),
                    error.getMessage());
        }
        assertEquals("DB_LOCK_TIMEOUT=3s is not valid: expected from 10ms to HANDLER_TIMEOUT (2000ms): no statement"
                + " outlives the handler limit", assertThrows(ConfigException.class,
                () -> from(Map.of("HANDLER_TIMEOUT", "2s", "DB_LOCK_TIMEOUT", "3s"))).getMessage());
    }

    /** A redelivered or replayed event younger than its ledger row must find it, or its handler runs twice. */
    @Test
    void theLedgerOutlivesTheStreamsEventsAndItsDefaultFollowsThem() {
        assertEquals(Duration.ofHours(48), from(Map.of("LEDGER_RETENTION", "48h")).retention().retention());
        ConfigException error = assertThrows(ConfigException.class, () -> from(Map.of("LEDGER_RETENTION", "47h")));
        assertTrue(error.getMessage().startsWith("LEDGER_RETENTION=47h is not valid: expected at least 48h, the"
                + " longest a stream keeps an event (STREAM_MAX_AGE, EVENT_STREAM_MAX_AGE)"), error.getMessage());
        WorkerSettings weekLong = WorkerSettings.from(new EnvironmentValues(Map.of()), Duration.ofDays(7));
        assertEquals(Duration.ofDays(8), weekLong.retention().retention());
        assertEquals("LEDGER_RETENTION=90m is not valid: expected at least 2h, the longest a stream keeps an event"
                + " (STREAM_MAX_AGE, EVENT_STREAM_MAX_AGE): a younger ledger row decides whether a redelivery or a"
                + " replay runs its handler again", assertThrows(ConfigException.class, () -> WorkerSettings.from(
                        new EnvironmentValues(Map.of("LEDGER_RETENTION", "90m")), Duration.ofHours(2))).getMessage());
    }

    private static WorkerSettings from(Map<String, String> env) {
        return WorkerSettings.from(new EnvironmentValues(env), Topology.DEFAULT_STREAM_MAX_AGE);
    }
}
