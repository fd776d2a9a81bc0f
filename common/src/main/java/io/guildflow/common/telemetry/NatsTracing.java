package io.guildflow.common.telemetry;

import io.nats.client.impl.Headers;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import java.util.Objects;

/**
 * Carries a trace across NATS: the gateway injects W3C {@code traceparent}/{@code tracestate} into
 * the message headers when it publishes, the worker extracts them and starts its consumer span as a
 * child, so one Discord interaction is one trace from gateway to REST answer.
 */
public final class NatsTracing {

    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<String> DISCORD_INTERACTION_ID = AttributeKey.stringKey("discord.interaction.id");
    public static final AttributeKey<String> DISCORD_GUILD_ID = AttributeKey.stringKey("discord.guild.id");

    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        if (headers != null) {
            headers.put(key, value);
        }
    };

    // keys() is deprecated in the OTel API and unused by the W3C propagator, so only get() is implemented
    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public String get(Headers headers, String key) {
            if (headers == null) {
                return null;
            }
            // NATS header names are case-sensitive, but other publishers (or proxies) may
            // capitalise them; W3C says the names are case-insensitive.
            List<String> values = headers.getIgnoreCase(key);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public NatsTracing(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.propagator = Objects.requireNonNull(propagator, "propagator");
    }

    /** Writes {@code context}'s span (if any) into {@code headers}. Headers must be writable (outgoing). */
    public void inject(Context context, Headers headers) {
        propagator.inject(context, headers, SETTER);
    }

    /** Writes {@code span}'s context into {@code headers}. */
    public void inject(Span span, Headers headers) {
        inject(Context.root().with(span), headers);
    }

    /** Writes the current span into {@code headers}. */
    public void injectCurrent(Headers headers) {
        inject(Context.current(), headers);
    }

    /** Reads a remote parent from message headers; returns the root context if there is none or headers are null. */
    public Context extract(Headers headers) {
        if (headers == null) {
            return Context.root();
        }
        return propagator.extract(Context.root(), headers, GETTER);
    }

    /**
     * Starts a PRODUCER span for publishing to {@code subject}, child of the current span.
     * Ids may be null (not every event is an interaction or in a guild). Caller ends it.
     */
    public Span startPublish(String subject, String interactionId, String guildId) {
        SpanBuilder b = tracer.spanBuilder("publish " + subject)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_OPERATION, "publish");
        return withCommon(b, subject, interactionId, guildId).startSpan();
    }

    /**
     * Starts a CONSUMER span for processing a message from {@code subject}, child of the trace
     * carried in {@code headers} (a new trace if the headers carry none). Caller ends it.
     */
    public Span startConsume(String subject, Headers headers, String interactionId, String guildId) {
        SpanBuilder b = tracer.spanBuilder("process " + subject)
                .setParent(extract(headers))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_OPERATION, "process");
        return withCommon(b, subject, interactionId, guildId).startSpan();
    }

    private static SpanBuilder withCommon(SpanBuilder b, String subject, String interactionId, String guildId) {
        b.setAttribute(MESSAGING_SYSTEM, "nats").setAttribute(MESSAGING_DESTINATION, subject);
        if (interactionId != null) {
            b.setAttribute(DISCORD_INTERACTION_ID, interactionId);
        }
        if (guildId != null) {
            b.setAttribute(DISCORD_GUILD_ID, guildId);
        }
        return b;
    }
}
