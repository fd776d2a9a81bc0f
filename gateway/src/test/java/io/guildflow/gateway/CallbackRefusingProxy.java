package io.guildflow.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Discord's REST API as the emulator answers it, except that every interaction callback is refused with 403
 * (Missing Access), as Discord does for an application without access to the channel. The emulator never refuses a
 * callback with 401 or 403, and the gateway's REST clients and JDA share one {@code DISCORD_API_URL}, so the refusal
 * sits in front of it.
 */
final class CallbackRefusingProxy implements AutoCloseable {
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Authorization", "Content-Type",
            "User-Agent", "X-Audit-Log-Reason");
    /** Set by the server that writes the answer, or not to be copied into a rewritten one. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("content-length", "transfer-encoding",
            "connection", "date");

    private final String emulatorOrigin;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger refusedCallbacks = new AtomicInteger();

    /** @param emulatorApiUrl e.g. {@code http://127.0.0.1:4444/api/v10} */
    CallbackRefusingProxy(String emulatorApiUrl) throws IOException {
        URI api = URI.create(emulatorApiUrl);
        this.emulatorOrigin = api.getScheme() + "://" + api.getRawAuthority();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The emulator's API URL with this proxy's address. */
    String apiUrl(String emulatorApiUrl) {
        return emulatorApiUrl.replace(emulatorOrigin, "http://127.0.0.1:" + server.getAddress().getPort());
    }

    int refusedCallbacks() {
        return refusedCallbacks.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            if (exchange.getRequestMethod().equals("POST") && uri.getRawPath().endsWith("/callback")) {
                refusedCallbacks.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                write(exchange, 403, "{\"message\": \"Missing Access\", \"code\": 50001}"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, uri, body);
            answer.headers().map().forEach((name, values) -> {
                if (!DROPPED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            write(exchange, answer.statusCode(), answer.body());
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, URI uri, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulatorOrigin + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to the emulator", e);
        }
    }

    private static void write(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
