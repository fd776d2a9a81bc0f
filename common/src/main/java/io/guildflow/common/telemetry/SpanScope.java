package io.guildflow.common.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * Makes a span current and mirrors its ids into the SLF4J MDC ({@code trace_id}, {@code span_id})
 * so every log line written inside the scope can be joined with the trace. Closing restores the
 * previous MDC values (not just removes them), so nested scopes unwind correctly.
 *
 * <p>Does not end the span: the caller owns the span's lifetime. Must be closed on the thread that
 * opened it (MDC and OpenTelemetry context are thread-local).
 */
public final class SpanScope implements AutoCloseable {

    public static final String MDC_TRACE_ID = "trace_id";
    public static final String MDC_SPAN_ID = "span_id";
    /** Set by the worker around a handling, next to the span's ids. */
    public static final String MDC_GUILD_ID = "guild_id";
    public static final String MDC_INTERACTION_ID = "interaction_id";

    private final Scope scope;
    private final String previousTraceId;
    private final String previousSpanId;

    public SpanScope(Span span) {
        this.previousTraceId = MDC.get(MDC_TRACE_ID);
        this.previousSpanId = MDC.get(MDC_SPAN_ID);
        this.scope = span.makeCurrent();
        SpanContext ctx = span.getSpanContext();
        if (ctx.isValid()) {
            MDC.put(MDC_TRACE_ID, ctx.getTraceId());
            MDC.put(MDC_SPAN_ID, ctx.getSpanId());
        } else {
            MDC.remove(MDC_TRACE_ID);
            MDC.remove(MDC_SPAN_ID);
        }
    }

    @Override
    public void close() {
        scope.close();
        restore(MDC_TRACE_ID, previousTraceId);
        restore(MDC_SPAN_ID, previousSpanId);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
