package io.guildflow.common.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

class NatsTracingTest {

    @Test
    void traceparentRoundTripThroughHeaders() {
        try (Telemetry gateway = Telemetry.create("gateway", "test", null);
             Telemetry worker = Telemetry.create("worker", "test", null)) {
            Span publish = gateway.nats().startPublish("gf.test.guild.1.interaction", "111", "222");
            Headers headers = new Headers();
            gateway.nats().inject(publish, headers);
            publish.end();
            assertNotNull(headers.getFirst("traceparent"));
            assertTrue(headers.getFirst("traceparent").contains(publish.getSpanContext().getTraceId()));

            SpanContext remote = Span.fromContext(worker.nats().extract(headers)).getSpanContext();
            assertTrue(remote.isRemote());
            assertEquals(publish.getSpanContext().getTraceId(), remote.getTraceId());
            assertEquals(publish.getSpanContext().getSpanId(), remote.getSpanId());

            Span consume = worker.nats().startConsume("gf.test.guild.1.interaction", headers, "111", "222");
            ReadableSpan readable = (ReadableSpan) consume;
            assertEquals(publish.getSpanContext().getTraceId(), consume.getSpanContext().getTraceId());
            assertEquals(publish.getSpanContext().getSpanId(), readable.getParentSpanContext().getSpanId());
            assertEquals(SpanKind.CONSUMER, readable.getKind());
            assertEquals("nats", readable.getAttribute(NatsTracing.MESSAGING_SYSTEM));
            assertEquals("111", readable.getAttribute(NatsTracing.DISCORD_INTERACTION_ID));
            assertEquals("222", readable.getAttribute(NatsTracing.DISCORD_GUILD_ID));
            consume.end();
        }
    }

    @Test
    @SuppressWarnings("try") // the scope is used for its side effect only
    void injectCurrentUsesSpanInScope() {
        try (Telemetry t = Telemetry.create("gateway", "test", null)) {
            Span span = t.tracer().spanBuilder("x").startSpan();
            Headers headers = new Headers();
            try (SpanScope ignored = t.withSpan(span)) {
                t.nats().injectCurrent(headers);
            }
            span.end();
            assertTrue(headers.getFirst("traceparent").contains(span.getSpanContext().getSpanId()));
        }
    }

    @Test
    void missingHeadersStartNewTrace() {
        try (Telemetry t = Telemetry.create("worker", "test", null)) {
            assertFalse(Span.fromContext(t.nats().extract(null)).getSpanContext().isValid());
            assertFalse(Span.fromContext(t.nats().extract(new Headers())).getSpanContext().isValid());
            Span consume = t.nats().startConsume("s", new Headers(), null, null);
            assertTrue(consume.getSpanContext().isValid());
            assertFalse(((ReadableSpan) consume).getParentSpanContext().isValid());
            consume.end();
        }
    }

    @Test
    void extractIsCaseInsensitive() {
        try (Telemetry t = Telemetry.create("worker", "test", null)) {
            Headers headers = new Headers();
            headers.put("Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            Context ctx = t.nats().extract(headers);
            assertEquals("0af7651916cd43dd8448eb211c80319c", Span.fromContext(ctx).getSpanContext().getTraceId());
        }
    }
}
