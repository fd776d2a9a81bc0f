package io.guildflow.common.discord;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;

/**
 * A CLIENT span per Discord call (its retries included), child of whatever span is current. Named
 * by method and route template, never the real path: interaction tokens are path segments of
 * webhook and callback URLs, so no URL, header or response text goes into a span.
 */
final class RestSpans {
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("url.template");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<Long> RESENDS = AttributeKey.longKey("http.request.resend_count");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;
    private final boolean enabled;

    /** @param tracer the no-op tracer when traces are not exported: then no span is made at all */
    RestSpans(Tracer tracer) {
        this.tracer = tracer;
        this.enabled = tracer != TracerProvider.noop().get("any"); // the no-op provider has one tracer
    }

    Span start(Route route) {
        if (!enabled) {
            return Span.getInvalid(); // not even the span's name is built
        }
        return tracer.spanBuilder(route.toString())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, route.method())
                .setAttribute(ROUTE, route.template())
                .startSpan();
    }

    /** Discord answered this attempt with {@code status}; the last attempt's status is the span's. */
    static void answered(Span span, int status, int attempt) {
        span.setAttribute(STATUS, status);
        if (attempt > 1) {
            span.setAttribute(RESENDS, attempt - 1L);
        }
    }

    /** The call ends with {@code failure}; only its class is recorded (messages may quote Discord). */
    static void failed(Span span, RuntimeException failure) {
        String type = failure instanceof DiscordApiException api ? Integer.toString(api.status())
                : failure.getClass().getSimpleName();
        span.setAttribute(ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR, type);
    }
}
