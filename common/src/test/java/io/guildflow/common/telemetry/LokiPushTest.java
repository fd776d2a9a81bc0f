package io.guildflow.common.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** LOKI_URL against a local HTTP receiver that decodes Loki's JSON push body. */
class LokiPushTest {
    private final LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    private HttpServer receiver;

    @AfterEach
    void restore() throws Exception {
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void logEventsArriveAtLokiLabelledWithAppModeAndEnvironment() throws Exception {
        BlockingQueue<JsonNode> pushes = new LinkedBlockingQueue<>();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext(LokiPush.PUSH_PATH, exchange -> {
            pushes.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        LogSetup.configure("info", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                new LogIdentity("guildflow", "gateway", "loki-test"));
        LoggerFactory.getLogger("io.guildflow.test").info("shard 0 connected");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonNode push = pushes.poll(500, TimeUnit.MILLISECONDS);
            if (push == null) {
                continue;
            }
            for (JsonNode stream : push.path("streams")) {
                for (JsonNode value : stream.path("values")) {
                    if (value.get(1).asText().contains("shard 0 connected")) {
                        JsonNode labels = stream.path("stream");
                        assertEquals("guildflow", labels.path("app").asText(), labels.toString());
                        assertEquals("gateway", labels.path("mode").asText(), labels.toString());
                        assertEquals("loki-test", labels.path("environment").asText(), labels.toString());
                        assertTrue(value.get(0).asText().matches("\\d{19}"), "nanosecond timestamp: " + value);
                        return;
                    }
                }
            }
        }
        throw new AssertionError("the log line never reached the receiver");
    }

    @Test
    void baseUrlGetsThePushPathAndNonsenseIsRefused() {
        assertEquals("http://loki:3100/loki/api/v1/push", LokiPush.pushUrl("http://loki:3100/"));
        assertEquals("https://logs.example/custom/push", LokiPush.pushUrl("https://logs.example/custom/push"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LokiPush.pushUrl("loki:3100"));
        assertTrue(e.getMessage().startsWith("LOKI_URL"), e.getMessage());
    }
}
