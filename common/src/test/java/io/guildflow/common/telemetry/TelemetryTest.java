package io.guildflow.common.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TelemetryTest {

    @Test
    void registryHasCommonTags() {
        try (Telemetry t = Telemetry.create("guildflow-worker", "test", null)) {
            t.registry().counter("guildflow.events").increment();
            Counter c = t.registry().find("guildflow.events").tag("service", "guildflow-worker")
                    .tag("environment", "test").counter();
            assertEquals(1.0, c.count());
            assertTrue(t.registry().scrape().contains("service=\"guildflow-worker\""));
        }
    }

    @Test
    void runtimesAreIsolatedAndNothingIsGlobal() {
        try (Telemetry gateway = Telemetry.create("gateway", "test", null);
             Telemetry worker = Telemetry.create("worker", "test", null)) {
            assertNotSame(gateway.registry(), worker.registry());
            gateway.registry().counter("only.gateway").increment();
            assertNull(worker.registry().find("only.gateway").counter());
            // no global registration happened: the global instance is still the no-op one
            assertNotSame(gateway.openTelemetry(), GlobalOpenTelemetry.get());
            assertFalse(GlobalOpenTelemetry.get().getTracer("x").spanBuilder("s").startSpan().getSpanContext().isValid());
        }
    }

    @Test
    void spansHaveValidIdsWithoutExporter() {
        try (Telemetry t = Telemetry.create("worker", "test", null)) {
            Span span = t.tracer().spanBuilder("x").startSpan();
            assertTrue(span.getSpanContext().isValid());
            span.end();
        }
    }

    @Test
    @SuppressWarnings("try") // the scope is used for its side effect only
    void withSpanSetsAndRestoresMdc() {
        try (Telemetry t = Telemetry.create("worker", "test", null)) {
            Span outer = t.tracer().spanBuilder("outer").startSpan();
            try (SpanScope ignored = t.withSpan(outer)) {
                assertEquals(outer.getSpanContext().getTraceId(), MDC.get("trace_id"));
                assertEquals(outer.getSpanContext().getSpanId(), MDC.get("span_id"));
                assertEquals(outer.getSpanContext(), Span.current().getSpanContext());
                Span inner = t.tracer().spanBuilder("inner").startSpan();
                try (SpanScope ignored2 = t.withSpan(inner)) {
                    assertEquals(inner.getSpanContext().getSpanId(), MDC.get("span_id"));
                    assertEquals(outer.getSpanContext().getTraceId(), MDC.get("trace_id"), "inner is a child");
                }
                inner.end();
                assertEquals(outer.getSpanContext().getSpanId(), MDC.get("span_id"), "outer restored");
            }
            outer.end();
            assertNull(MDC.get("trace_id"));
            assertNull(MDC.get("span_id"));
            assertFalse(Span.current().getSpanContext().isValid());
        }
    }

    @Test
    void tracesUrlAppendsPathOnlyWhenMissing() {
        assertEquals("http://collector:4318/v1/traces", Telemetry.tracesUrl("http://collector:4318"));
        assertEquals("http://collector:4318/v1/traces", Telemetry.tracesUrl("http://collector:4318/"));
        assertEquals("https://otlp.example/custom/traces", Telemetry.tracesUrl("https://otlp.example/custom/traces"));
        assertThrows(IllegalArgumentException.class, () -> Telemetry.tracesUrl("collector:4318"));
    }

    @Test
    void createsAndClosesWithExporterConfigured() {
        // nothing listens on port 9; close() must still return (flush is bounded)
        try (Telemetry t = Telemetry.create("worker", "test", "http://127.0.0.1:9")) {
            assertTrue(t.tracer().spanBuilder("x").startSpan().getSpanContext().isValid());
        }
    }

    @Test
    void clientSpansCostNothingWithoutExporter() {
        try (Telemetry t = Telemetry.create("worker", "test", null)) {
            assertTrue(t.exportedTracing().isEmpty());
            Span handling = t.tracer().spanBuilder("process").setSpanKind(SpanKind.CONSUMER).startSpan();
            try (Scope ignored = handling.makeCurrent()) {
                Span call = t.clientTracer().spanBuilder("POST x").setSpanKind(SpanKind.CLIENT).startSpan();
                assertFalse(call.isRecording(), "no-op tracer");
                assertEquals(handling.getSpanContext(), call.getSpanContext(), "the no-op span is the current one");
            }
            handling.end();
        }
    }

    @Test
    @SuppressWarnings("try")
    void clientCallsAreTracedOnlyInsideWorkThatStartedATrace() {
        try (Telemetry t = Telemetry.create("worker", "test", "http://127.0.0.1:9")) {
            assertTrue(t.exportedTracing().isPresent());
            Span lonely = t.clientTracer().spanBuilder("SELECT outbox").setSpanKind(SpanKind.CLIENT).startSpan();
            assertFalse(lonely.isRecording(), "a poller's query is no trace of its own");
            assertTrue(lonely.getSpanContext().isValid());
            Span handling = t.tracer().spanBuilder("process").setSpanKind(SpanKind.CONSUMER).startSpan();
            assertTrue(handling.isRecording());
            try (Scope ignored = handling.makeCurrent()) {
                Span call = t.clientTracer().spanBuilder("POST x").setSpanKind(SpanKind.CLIENT).startSpan();
                assertTrue(call.isRecording());
                assertEquals(handling.getSpanContext().getTraceId(), call.getSpanContext().getTraceId());
            }
            // not ended: ended spans would be exported to the closed port and make close() wait
        }
    }

    @Test
    void closeSendsTheSpansOfTheUnfinishedBatch() throws Exception {
        AtomicInteger exports = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (exchange) {
                if (exchange.getRequestBody().readAllBytes().length > 0) {
                    exports.incrementAndGet();
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        try {
            Telemetry t = Telemetry.create("worker", "test", "http://127.0.0.1:" + receiver.getAddress().getPort());
            t.tracer().spanBuilder("process").setSpanKind(SpanKind.CONSUMER).startSpan().end();
            assertEquals(0, exports.get(), "batched: nothing sent before the 5 s schedule");
            t.close();
            assertEquals(1, exports.get(), "sent by close(), as a process shuts down");
        } finally {
            receiver.stop(0);
        }
    }
}
