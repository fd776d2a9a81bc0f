package io.guildflow.common.telemetry;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a process reports: {@code LOG_LEVEL}, {@code LOKI_URL}, {@code TEMPO_ENDPOINT} (or
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}). Each is checked here, not first when logging or tracing starts, so a
 * malformed one is the usual one line and exit code 2 rather than a stack trace from the set-up.
 *
 * @param logLevel       the root log level, lower case
 * @param lokiUrl        Loki's base or push URL; stdout JSON is always on
 * @param tracesEndpoint the full OTLP/HTTP traces URL; empty: nothing is exported
 */
public record TelemetrySettings(String logLevel, Optional<String> lokiUrl, Optional<String> tracesEndpoint) {
    public static final String DEFAULT_LOG_LEVEL = "info";

    public static TelemetrySettings from(EnvironmentValues values) {
        return new TelemetrySettings(logLevel(values.string("LOG_LEVEL", DEFAULT_LOG_LEVEL)), lokiUrl(values),
                tracesUrl(values));
    }

    /** Logback's parser is the one list of levels; here its refusal becomes the usual one line. */
    private static String logLevel(String value) {
        try {
            return LogSetup.parseLevel(value).toString().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid("LOG_LEVEL", value, "one of trace, debug, info, warn, error");
        }
    }

    private static Optional<String> lokiUrl(EnvironmentValues values) {
        return values.optional("LOKI_URL").map(value -> {
            try {
                LogSetup.lokiPushUrl(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid("LOKI_URL", value,
                        "Loki's base or push URL, an absolute http(s) URL such as http://loki:3100");
            }
        });
    }

    /**
     * Where spans go, as the full OTLP/HTTP traces URL. {@code TEMPO_ENDPOINT} is ours: a collector's
     * base URL ({@code /v1/traces} is appended) or a full URL with a path. {@code OTEL_EXPORTER_OTLP_ENDPOINT}
     * means what the OpenTelemetry specification says: always a base, {@code /v1/traces} is appended.
     */
    private static Optional<String> tracesUrl(EnvironmentValues values) {
        Optional<String> tempo = values.optional("TEMPO_ENDPOINT");
        if (tempo.isPresent()) {
            return Optional.of(otlpHttpUrl("TEMPO_ENDPOINT", tempo.get(), Telemetry::tracesUrl));
        }
        return values.optional("OTEL_EXPORTER_OTLP_ENDPOINT").map(value -> otlpHttpUrl("OTEL_EXPORTER_OTLP_ENDPOINT",
                value, base -> base.replaceAll("/+$", "") + "/v1/traces"));
    }

    private static String otlpHttpUrl(String variable, String value, UnaryOperator<String> toTracesUrl) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null) {
                return toTracesUrl.apply(value.trim());
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the expected form
        }
        throw ConfigException.invalid(variable, value, "an OTLP/HTTP URL such as http://tempo:4318 (HTTP, not gRPC)");
    }
}
