package io.guildflow.common.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetrySettingsTest {

    @Test
    void logLevelDefaultsToInfoAndIsCheckedByLogbacksOwnList() {
        assertEquals("info", from(Map.of()).logLevel());
        assertEquals("debug", from(Map.of("LOG_LEVEL", "DEBUG")).logLevel());
        assertEquals("LOG_LEVEL=loud is not valid: expected one of trace, debug, info, warn, error",
                assertThrows(ConfigException.class, () -> from(Map.of("LOG_LEVEL", "loud"))).getMessage());
    }

    @Test
    void tracesGoWhereTempoEndpointOrTheOpenTelemetryVariableSays() {
        assertTrue(from(Map.of()).tracesEndpoint().isEmpty(), "no export by default");
        assertEquals("http://tempo:4318/v1/traces",
                from(Map.of("TEMPO_ENDPOINT", "http://tempo:4318")).tracesEndpoint().orElseThrow());
        assertEquals("https://otlp.example/custom/traces",
                from(Map.of("TEMPO_ENDPOINT", "https://otlp.example/custom/traces")).tracesEndpoint().orElseThrow());
        // the specification's meaning: a base URL, even with a path of its own
        assertEquals("http://collector:4318/otlp/v1/traces",
                from(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/otlp/")).tracesEndpoint().orElseThrow());
        assertEquals("http://tempo:4318/v1/traces", from(Map.of("TEMPO_ENDPOINT", "http://tempo:4318",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://other:4318")).tracesEndpoint().orElseThrow(), "TEMPO_ENDPOINT wins");
        ConfigException bad = assertThrows(ConfigException.class,
                () -> from(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")));
        assertTrue(bad.getMessage().contains("OTEL_EXPORTER_OTLP_ENDPOINT"), bad.getMessage());
    }

    @Test
    void lokiUrlIsCheckedWithTheOtherSettings() {
        assertEquals("http://loki:3100", from(Map.of("LOKI_URL", "http://loki:3100")).lokiUrl().orElseThrow());
        ConfigException bad = assertThrows(ConfigException.class, () -> from(Map.of("LOKI_URL", "loki:3100")));
        assertEquals("LOKI_URL=loki:3100 is not valid: expected Loki's base or push URL, an absolute http(s) URL"
                + " such as http://loki:3100", bad.getMessage());
    }

    private static TelemetrySettings from(Map<String, String> env) {
        return TelemetrySettings.from(new EnvironmentValues(env));
    }
}
