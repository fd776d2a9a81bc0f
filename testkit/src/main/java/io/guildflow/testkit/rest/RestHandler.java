package io.guildflow.testkit.rest;

import io.guildflow.testkit.recording.Recorder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty core handler for {@code /api/v{n}/...}: routing, authorization, rate limits, recording, and an optional
 * latency ({@link #latency(Duration)}) that holds every request that long before Discord's side handles it.
 */
public final class RestHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RestHandler.class);

    private final List<Route> routes;
    private final String expectedAuthorization;
    private final RateLimiter limiter;
    private final Recorder recorder;
    private final Clock clock;
    private final InvalidRequestLimit invalidRequests;
    /** A slow Discord: how long each request waits before it is handled (and its rules applied). */
    private volatile long latencyNanos;

    public RestHandler(List<Route> routes, String token, RateLimiter limiter, Recorder recorder, Clock clock,
            int invalidRequestLimit) {
        this.invalidRequests = new InvalidRequestLimit(clock, invalidRequestLimit);
        this.routes = List.copyOf(routes);
        this.expectedAuthorization = "Bot " + token;
        this.limiter = limiter;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * Holds every later request this long before it is handled, as a slow or distant Discord would: Discord's
     * rules (the 3-second window, rate limits) apply when the request is handled, after the wait. Zero turns it off.
     */
    public void latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latencyNanos = latency.toNanos();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String body;
        List<Multipart.FilePart> files = List.of();
        if (contentType != null && contentType.startsWith("multipart/form-data")) {
            ByteBuffer raw = Content.Source.asByteBuffer(request);
            byte[] bytes = new byte[raw.remaining()];
            raw.get(bytes);
            Multipart multipart = Multipart.parse(contentType, bytes);
            body = multipart.payloadJson();
            files = multipart.files();
        } else {
            body = Content.Source.asString(request, StandardCharsets.UTF_8);
        }
        long latency = latencyNanos;
        if (latency == 0) {
            answer(request, response, callback, body, files);
            return true;
        }
        Executor pool = request.getComponents().getExecutor();
        String heldBody = body;
        List<Multipart.FilePart> heldFiles = files;
        request.getComponents().getScheduler().schedule(() -> pool.execute(() -> {
            try {
                answer(request, response, callback, heldBody, heldFiles);
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        }), latency, TimeUnit.NANOSECONDS);
        return true;
    }

    private void answer(Request request, Response response, Callback callback, String body,
                        List<Multipart.FilePart> files) {
        String fullPath = Request.getPathInContext(request);
        String method = request.getMethod();
        String query = request.getHttpURI().getQuery();
        String path = stripApiPrefix(fullPath);
        Instant at = clock.instant();
        String template = "?";
        RestResponse result;
        List<Runnable> after = new ArrayList<>(1);
        RestResponse banned = invalidRequests.refusal();
        if (banned != null) {
            result = banned;
        } else if (path == null) {
            result = RestResponse.error(404, 0, "404: Not Found");
        } else {
            String[] segments = path.substring(1).split("/", -1);
            Route route = null;
            Map<String, String> params = null;
            boolean pathMatched = false;
            for (Route r : routes) {
                Map<String, String> p = r.match(segments);
                if (p != null) {
                    pathMatched = true;
                    if (r.method().equals(method)) {
                        route = r;
                        params = p;
                        break;
                    }
                }
            }
            if (route == null) {
                result = pathMatched
                        ? RestResponse.error(405, 0, "405: Method Not Allowed")
                        : RestResponse.error(404, 0, "404: Not Found");
            } else {
                template = route.template();
                result = invoke(route, new RestRequest(method, path, query == null ? "" : query, params, body, files,
                        after),
                        request.getHeaders());
            }
        }
        if (banned == null) {
            invalidRequests.count(result.status());
            // Discord's own answers come through its proxy; JDA takes a 429 without Via for a Cloudflare ban
            result.headers().putIfAbsent("Via", "1.1 google");
        }
        recorder.rest(at, method, template, path == null ? fullPath : path, query == null ? "" : query, body,
                result.status(), result.body());
        after.forEach(Runnable::run);
        write(response, result, callback);
    }

    private RestResponse invoke(Route route, RestRequest req, HttpFields headers) {
        if (route.bot()) {
            if (!expectedAuthorization.equals(headers.get(HttpHeader.AUTHORIZATION))) {
                return RestResponse.error(401, 0, "401: Unauthorized");
            }
            RestResponse global = limiter.checkGlobal(headers.get(HttpHeader.AUTHORIZATION));
            if (global != null) {
                return global;
            }
        }
        Map<String, String> rateHeaders = new LinkedHashMap<>();
        // interaction routes authenticate by their token, which is in the path (the bucket's major parameter)
        RestResponse limited = limiter.checkRoute(route.bot() ? headers.get(HttpHeader.AUTHORIZATION) : "",
                route, req.params(), rateHeaders);
        if (limited != null) {
            return limited;
        }
        RestResponse result;
        try {
            result = route.handler().handle(req);
        } catch (IllegalArgumentException e) {
            result = RestResponse.error(400, 50109, "The request body contains invalid JSON.");
        } catch (RuntimeException e) {
            LOG.warn("emulator route {} {} failed", route.method(), route.template(), e);
            result = RestResponse.error(500, 0, "500: Internal Server Error");
        }
        result.headers().putAll(rateHeaders);
        return result;
    }

    private static String stripApiPrefix(String path) {
        if (!path.startsWith("/api")) {
            return null;
        }
        String rest = path.substring(4);
        if (rest.startsWith("/v")) {
            int slash = rest.indexOf('/', 1);
            if (slash < 0) {
                return null;
            }
            rest = rest.substring(slash);
        }
        return rest.isEmpty() ? null : rest;
    }

    private static void write(Response response, RestResponse result, Callback callback) {
        response.setStatus(result.status());
        HttpFields.Mutable h = response.getHeaders();
        for (Map.Entry<String, String> e : result.headers().entrySet()) {
            h.put(e.getKey(), e.getValue());
        }
        if (result.body() == null) {
            response.write(true, null, callback);
            return;
        }
        byte[] bytes = result.body().getBytes(StandardCharsets.UTF_8);
        if (!result.headers().containsKey("Content-Type")) {
            h.put(HttpHeader.CONTENT_TYPE, "application/json");
        }
        h.put(HttpHeader.CONTENT_LENGTH, Integer.toString(bytes.length));
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** Routes in match order; literal segments should come before placeholders at the same position. */
    public static List<Route> concat(List<List<Route>> groups) {
        List<Route> all = new ArrayList<>();
        groups.forEach(all::addAll);
        return all;
    }
}
