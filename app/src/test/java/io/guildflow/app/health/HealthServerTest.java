package io.guildflow.app.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean nats = new AtomicBoolean(true);
    private PrometheusMeterRegistry registry;
    private Readiness readiness;
    private HealthServer server;

    @BeforeEach
    void start() throws Exception {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("guildflow.test.events").increment();
        readiness = new Readiness().add("nats",
                () -> nats.get() ? CheckResult.ok("connected") : CheckResult.failing("disconnected"));
        server = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "worker", readiness, registry);
    }

    @AfterEach
    void stop() {
        server.close();
        readiness.close();
        registry.close();
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthReportsModeAndUptime() throws Exception {
        assertTrue(server.port() > 0);
        HttpResponse<String> res = call("GET", "/health");
        assertEquals(200, res.statusCode());
        JsonNode body = json.readTree(res.body());
        assertEquals("healthy", body.get("status").asText());
        assertEquals("worker", body.get("mode").asText());
        assertTrue(body.get("uptime").asText().startsWith("PT"), body.toString());
    }

    @Test
    void readyThenDegraded() throws Exception {
        HttpResponse<String> ok = call("GET", "/ready");
        assertEquals(200, ok.statusCode());
        JsonNode body = json.readTree(ok.body());
        assertEquals("ready", body.get("status").asText());
        assertTrue(body.at("/checks/nats/ok").asBoolean());
        assertEquals("connected", body.at("/checks/nats/detail").asText());

        nats.set(false);
        HttpResponse<String> bad = call("GET", "/ready");
        assertEquals(503, bad.statusCode());
        assertEquals("degraded", json.readTree(bad.body()).get("status").asText());
    }

    @Test
    void startingWhenNeverReady() throws Exception {
        nats.set(false);
        HttpResponse<String> res = call("GET", "/ready");
        assertEquals(503, res.statusCode());
        assertEquals("starting", json.readTree(res.body()).get("status").asText());
    }

    @Test
    void metricsInPrometheusTextFormat() throws Exception {
        HttpResponse<String> res = call("GET", "/metrics");
        assertEquals(200, res.statusCode());
        assertEquals(HealthServer.PROMETHEUS_CONTENT_TYPE, res.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(res.body().contains("guildflow_test_events_total"), res.body());
    }

    @Test
    void unknownPathIs404AndPostIs405() throws Exception {
        assertEquals(404, call("GET", "/nope").statusCode());
        HttpResponse<String> post = call("POST", "/health");
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void twoServersInOneJvm() throws Exception {
        try (Readiness other = new Readiness();
             HealthServer second = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     "gateway", other, registry)) {
            assertTrue(second.port() != server.port());
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + second.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("gateway", json.readTree(res.body()).get("mode").asText());
        }
    }
}
