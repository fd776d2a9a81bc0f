package io.guildflow.worker.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.DatabaseSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Statements on the real PostgreSQL become child spans of the current span, with literals masked. */
class StatementTracingIT {
    private static final DatabaseSettings TEST_DB =
            new DatabaseSettings("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
    private static final PoolSettings SMALL = new PoolSettings(2, Duration.ofSeconds(30), Duration.ofSeconds(5));

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();

    @Test
    void statementsCommitsAndFailuresAreChildSpansOfTheCurrentSpan() throws Exception {
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
             Database database = new Database(TEST_DB, SMALL, "tracing-test",
                     Optional.of(OpenTelemetrySdk.builder().setTracerProvider(tracing).build()))) {
            Span handling = tracing.get("test").spanBuilder("process").setSpanKind(SpanKind.CONSUMER).startSpan();
            try (Scope ignored = handling.makeCurrent(); Connection connection = database.connection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement select = connection.prepareStatement("SELECT ?::int + 1, 'user text'")) {
                    select.setInt(1, 41);
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        assertEquals(42, row.getInt(1));
                    }
                }
                connection.commit();
                try (Statement broken = connection.createStatement()) {
                    broken.execute("SELECT no_such_column FROM pg_class WHERE relpages > 100");
                } catch (SQLException expected) {
                    connection.rollback();
                }
            } finally {
                handling.end();
            }
            String parent = handling.getSpanContext().getSpanId();
            List<SpanData> children = exported.getFinishedSpanItems().stream()
                    .filter(s -> s.getParentSpanId().equals(parent)).toList();
            assertEquals(List.of("SELECT public", "COMMIT public", "SELECT public", "ROLLBACK public"),
                    children.stream().map(SpanData::getName).toList());
            SpanData select = children.get(0);
            assertEquals(SpanKind.CLIENT, select.getKind());
            assertEquals("postgresql", select.getAttributes().get(StatementTracing.DB_SYSTEM));
            assertEquals("SELECT ?::int + ?, ?", select.getAttributes().get(StatementTracing.DB_QUERY));
            SpanData failed = children.get(2);
            assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
            assertEquals("SELECT no_such_column FROM pg_class WHERE relpages > ?",
                    failed.getAttributes().get(StatementTracing.DB_QUERY));
            assertFalse(exported.getFinishedSpanItems().toString().contains("user text"), "literals never recorded");
        }
    }

    @Test
    void withoutTracingThePoolIsUsedAsItIs() {
        try (Database database = new Database(TEST_DB, SMALL, "untraced-test", Optional.empty())) {
            assertTrue(database.dataSource() instanceof RenewablePool,
                    "the pool itself, no tracing wrapper, when traces are not exported");
        }
    }

    @Test
    void operationIsTheLeadingKeyword() {
        assertEquals("INSERT", StatementTracing.operation("  insert into x values (?)"));
        assertEquals("WITH", StatementTracing.operation("WITH a AS (SELECT 1) SELECT * FROM a"));
        assertEquals("SQL", StatementTracing.operation("(SELECT 1)"));
        assertSame("BATCH", StatementTracing.operation(null));
        assertEquals("SET LOCAL statement_timeout = ?", StatementTracing.masked("SET LOCAL statement_timeout = 5000"));
        assertEquals("SELECT t1.c2 FROM t1 WHERE c = ? AND d = ?",
                StatementTracing.masked("SELECT t1.c2 FROM t1 WHERE c = 'it''s' AND d = 2.5"));
    }
}
