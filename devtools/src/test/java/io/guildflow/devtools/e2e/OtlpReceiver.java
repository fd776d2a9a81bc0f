package io.guildflow.devtools.e2e;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP trace receiver, as Tempo or a collector would run it: {@code POST /v1/traces}
 * with a protobuf {@code ExportTraceServiceRequest}, decoded with the opentelemetry-proto classes.
 * Keeps every span it received, flattened with its service name.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span; ids in lowercase hex as in {@code traceparent}, parent "" for a root. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
                        Map<String, String> attributes) {
        boolean hasAttributeStartingWith(String prefix) {
            return attributes.keySet().stream().anyMatch(key -> key.startsWith(prefix));
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", this::receive);
        server.start();
    }

    /** The base URL, as an operator would put it into {@code TEMPO_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Requests that were not a decodable OTLP/HTTP protobuf export (should stay empty). */
    List<String> refused() {
        return List.copyOf(refused);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!exchange.getRequestMethod().equals("POST") || !type.startsWith("application/x-protobuf")) {
                refused.add(exchange.getRequestMethod() + " " + type);
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                request = ExportTraceServiceRequest.parseFrom(body);
            }
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = attributes(resource.getResource().getAttributesList()).get("service.name");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                        spans.add(new ReceivedSpan(service, hex(span.getTraceId()), hex(span.getSpanId()),
                                hex(span.getParentSpanId()), span.getName(), span.getKind().name(),
                                attributes(span.getAttributesList())));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        } catch (IOException | RuntimeException e) {
            refused.add(e.toString());
            throw e;
        }
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue kv : keyValues) {
            map.put(kv.getKey(), text(kv.getValue()));
        }
        return map;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
