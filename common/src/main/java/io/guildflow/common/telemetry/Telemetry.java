package io.guildflow.common.telemetry;

import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics and tracing of one runtime. Each gateway/worker creates its own instance; nothing is
 * registered globally (no {@code GlobalOpenTelemetry}, no {@code Metrics.globalRegistry}) because
 * several runtimes can share a JVM and must not see each other's meters or service name.
 */
public final class Telemetry implements AutoCloseable {

    static final String INSTRUMENTATION_SCOPE = "io.guildflow";
    private static final Logger log = LoggerFactory.getLogger(Telemetry.class);
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT = AttributeKey.stringKey("deployment.environment.name");

    private final PrometheusMeterRegistry registry;
    private final OpenTelemetrySdk openTelemetry;
    private final boolean exporting;
    private final Tracer tracer;
    private final NatsTracing nats;

    private Telemetry(PrometheusMeterRegistry registry, OpenTelemetrySdk openTelemetry, boolean exporting) {
        this.registry = registry;
        this.openTelemetry = openTelemetry;
        this.exporting = exporting;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        this.nats = new NatsTracing(tracer, openTelemetry.getPropagators().getTextMapPropagator());
    }

    /**
     * @param otlpEndpoint OTLP/HTTP base URL such as {@code http://otel-collector:4318}, or null for
     *                     no export. Without export spans are still created, so trace ids still
     *                     propagate over NATS and still appear in logs.
     */
    public static Telemetry create(String serviceName, String environment, String otlpEndpoint) {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(environment, "environment");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(List.of(Tag.of("service", serviceName), Tag.of("environment", environment)));

        Resource resource = Resource.getDefault().merge(Resource.create(
                Attributes.of(SERVICE_NAME, serviceName, DEPLOYMENT_ENVIRONMENT, environment)));
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder().setResource(resource)
                .setSampler(Sampler.parentBased(new EntryPointSampler()));
        boolean exporting = otlpEndpoint != null && !otlpEndpoint.isBlank();
        if (exporting) {
            String tracesUrl = tracesUrl(otlpEndpoint);
            OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                    .setEndpoint(tracesUrl)
                    .setTimeout(Duration.ofSeconds(5))
                    .build();
            tracing.addSpanProcessor(BatchSpanProcessor.builder(exporter).build());
            log.info("exporting traces via OTLP/HTTP to {}", URI.create(tracesUrl).getHost());
        } else {
            // The SDK hands out a no-op tracer (all-zero ids) when no processor is registered;
            // we still want real ids for propagation and log correlation, so register one that drops spans.
            tracing.addSpanProcessor(new DiscardingSpanProcessor());
        }
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build(); // build(), not buildAndRegisterGlobal(): see class comment
        return new Telemetry(registry, sdk, exporting);
    }

    /**
     * OTLP/HTTP exporters want the full signal URL. Operators usually configure the collector base
     * (as with OTEL_EXPORTER_OTLP_ENDPOINT), so we append {@code /v1/traces} when no path is given.
     */
    public static String tracesUrl(String endpoint) {
        URI uri = URI.create(endpoint.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("OTLP endpoint must be an absolute http(s) URL, e.g. http://collector:4318");
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            String base = endpoint.trim();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
        }
        return endpoint.trim();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** This runtime's OpenTelemetry (not the global one); pass it to anything that needs tracing. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    public Tracer tracer() {
        return tracer;
    }

    /**
     * This runtime's OpenTelemetry for instrumenting client calls (JDBC, Discord REST), present only
     * when traces are exported: without an exporter nobody would see those spans, so callers leave
     * their clients uninstrumented and pay nothing.
     */
    public Optional<OpenTelemetry> exportedTracing() {
        return exporting ? Optional.of(openTelemetry) : Optional.empty();
    }

    /**
     * Tracer for client-call spans: this runtime's while traces are exported, else the no-op tracer,
     * whose spans are the current one handed back, so an unexported call costs a context lookup only.
     */
    public Tracer clientTracer() {
        return exportedTracing().orElse(OpenTelemetry.noop()).getTracer(INSTRUMENTATION_SCOPE);
    }

    public NatsTracing nats() {
        return nats;
    }

    /** Makes {@code span} current and puts its ids into the MDC until the returned scope closes. */
    public SpanScope withSpan(Span span) {
        return new SpanScope(span);
    }

    /**
     * Decides for spans without a local or remote parent: a trace starts where work enters
     * (a received interaction, a consumed message). A client call outside any such work, such as
     * the outbox poller's query, would otherwise be a trace of its own every poll; it is dropped.
     * Children follow their parent's decision ({@link Sampler#parentBased}).
     */
    private static final class EntryPointSampler implements Sampler {
        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                           Attributes attributes, List<LinkData> parentLinks) {
            return spanKind == SpanKind.CLIENT || spanKind == SpanKind.INTERNAL
                    ? SamplingResult.drop() : SamplingResult.recordAndSample();
        }

        @Override
        public String getDescription() {
            return "GuildflowEntryPoints";
        }
    }

    /** Accepts every span and exports nothing. */
    private static final class DiscardingSpanProcessor implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }

    /** Flushes pending spans (bounded wait) and shuts down exporter and registry. */
    @Override
    public void close() {
        SdkTracerProvider provider = openTelemetry.getSdkTracerProvider();
        provider.forceFlush().join(5, TimeUnit.SECONDS);
        provider.shutdown().join(5, TimeUnit.SECONDS);
        registry.close();
    }
}
