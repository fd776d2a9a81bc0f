package io.guildflow.testkit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare gateway client (java.net.http WebSocket) that queues every frame it receives. */
final class RawGatewayClient implements WebSocket.Listener {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket ws;

    RawGatewayClient(String gatewayUrl) {
        ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(gatewayUrl + "/?v=10&encoding=json"), this).join();
    }

    void send(String json) {
        ws.sendText(json, true).join();
    }

    void identify(String token, int shard, int total) {
        identify(token, shard, total, 0);
    }

    void identify(String token, int shard, int total, long intents) {
        send("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":" + intents + ",\"shard\":[" + shard
                + "," + total
                + "],\"properties\":{\"os\":\"linux\",\"browser\":\"test\",\"device\":\"test\"}}}");
    }

    /** Next frame, failing after {@code timeout}. */
    JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) {
            throw new AssertionError("no gateway frame within " + timeout);
        }
        return f;
    }

    /** Skips frames until a dispatch of type {@code t} arrives. */
    JsonNode nextDispatch(String t, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode f = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f.path("op").asInt() == 0 && t.equals(f.path("t").asText())) {
                return f;
            }
        }
    }

    /** Closes the connection with a close frame carrying {@code code}. */
    void close(int code) {
        ws.sendClose(code, "bye").join();
    }

    void abort() {
        ws.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(MAPPER.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }
}
