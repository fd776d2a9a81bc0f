package io.guildflow.app.health;

import io.guildflow.common.DaemonThreads;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness, readiness and Prometheus endpoints of one runtime ({@code /health}, {@code /ready},
 * {@code /metrics}). Built on the JDK HTTP server: probes are tiny and infrequent, so a full web
 * stack would add weight without benefit. Every runtime in the JVM may start its own server.
 */
public final class HealthServer implements AutoCloseable {

    /** Prometheus text exposition format 0.0.4, what every Prometheus-compatible scraper accepts. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);
    private static final String JSON = "application/json";
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String mode;
    private final Readiness readiness;
    private final PrometheusMeterRegistry registry;
    private final long startedNanos = System.nanoTime();
    private final ObjectMapper json = new ObjectMapper();

    private HealthServer(HttpServer server, ExecutorService executor, String mode, Readiness readiness,
                         PrometheusMeterRegistry registry) {
        this.server = server;
        this.executor = executor;
        this.mode = mode;
        this.readiness = readiness;
        this.registry = registry;
    }

    /**
     * Binds and starts the server. Port 0 picks a free port; see {@link #port()}.
     *
     * @param mode shown on {@code /health}, e.g. {@code gateway} or {@code worker}
     */
    public static HealthServer start(InetSocketAddress address, String mode, Readiness readiness,
                                     PrometheusMeterRegistry registry) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(registry, "registry");
        // Without TCP_NODELAY the JDK server's small responses meet the client's delayed ACK
        // (Nagle), costing ~40 ms per response. The JDK reads this property once, when its
        // server classes initialise, so it must be set before the first HttpServer.create. We only
        // set it when absent so an operator's explicit -D choice wins.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        HttpServer server = HttpServer.create(address, 16);
        // Two threads: probes and scrapes are rare; a slow /ready (bounded by the check timeout)
        // must not block /health, hence more than one.
        ExecutorService executor = Executors.newFixedThreadPool(2, DaemonThreads.numbered("health-http-" + mode));
        server.setExecutor(executor);
        HealthServer hs = new HealthServer(server, executor, mode, readiness, registry);
        server.createContext("/", hs::handle);
        server.start();
        log.info("health server listening on {}:{} (mode {})",
                server.getAddress().getHostString(), server.getAddress().getPort(), mode);
        return hs;
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean known = path.equals("/health") || path.equals("/ready") || path.equals("/metrics");
            if (!known) {
                sendJson(exchange, 404, Map.of("error", "not found"));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                sendJson(exchange, 405, Map.of("error", "method not allowed"));
                return;
            }
            switch (path) {
                case "/health" -> health(exchange);
                case "/ready" -> ready(exchange);
                default -> metrics(exchange);
            }
        } catch (RuntimeException e) {
            // the JDK server would otherwise drop the connection silently
            log.warn("health endpoint failed: {}", e.getClass().getName(), e);
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        Duration uptime = Duration.ofNanos(System.nanoTime() - startedNanos).withNanos(0);
        ObjectNode body = json.createObjectNode()
                .put("status", "healthy")
                .put("mode", mode)
                .put("uptime", uptime.toString())
                .put("uptimeSeconds", uptime.getSeconds());
        send(exchange, 200, JSON, json.writeValueAsBytes(body));
    }

    private void ready(HttpExchange exchange) throws IOException {
        ReadinessReport report = readiness.evaluate();
        ObjectNode body = json.createObjectNode().put("status", report.status().jsonName());
        ObjectNode checks = body.putObject("checks");
        report.checks().forEach((name, r) ->
                checks.putObject(name).put("ok", r.ok()).put("detail", r.detail()));
        send(exchange, report.ready() ? 200 : 503, JSON, json.writeValueAsBytes(body));
    }

    private void metrics(HttpExchange exchange) throws IOException {
        byte[] text = registry.scrape(PROMETHEUS_CONTENT_TYPE).getBytes(StandardCharsets.UTF_8);
        send(exchange, 200, PROMETHEUS_CONTENT_TYPE, text);
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON, json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops accepting, gives in-flight probes a moment, releases the port and threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
