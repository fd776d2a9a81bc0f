package io.guildflow.common.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord REST calls workers need to answer interactions, plus generic bot-route helpers for
 * {@code guildflow setup}. Synchronous and thread-safe; one instance per runtime, sharing one
 * OkHttp connection pool.
 *
 * <p>Retry policy (an interaction must be acknowledged within 3 s, so every wait is bounded):
 * <ul>
 *   <li>429: Discord did not process the request, so retrying is always safe; we wait
 *       {@code retry_after} and retry, at most {@value #MAX_ATTEMPTS} attempts in total, and give up
 *       at once (throwing the 429) if Discord asks for longer than {@code maxRateLimitWait}.</li>
 *   <li>Connection could not be established: nothing was sent, retried for every method.</li>
 *   <li>5xx or an I/O error after sending: the request may have been applied. Retried only for
 *       idempotent methods (GET/PUT/PATCH/DELETE) and for the interaction callback POST, which is
 *       retried once: if the first attempt was in fact accepted, the retry fails with 40060
 *       ({@link DiscordApiException#isAlreadyAcknowledged()} and {@code afterRetry()}), which the
 *       worker treats as "already acknowledged". Other POSTs (follow-ups, setup creating channels)
 *       are never retried because a duplicate would be visible to users.</li>
 * </ul>
 * OkHttp's own silent retry is switched off so this policy is the only one.
 */
public final class DiscordRestClient implements AutoCloseable {

    public static final Duration DEFAULT_MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(2);
    static final int MAX_ATTEMPTS = 3;
    static final String USER_AGENT = "DiscordBot (https://github.com/guildflow, 0.1)";

    private static final Logger log = LoggerFactory.getLogger(DiscordRestClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_ERROR_DETAIL = 300;

    private final HttpUrl apiBase;
    private final String authorization;
    private final MeterRegistry registry;
    private final long maxWaitNanos;
    private final OkHttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final RateLimitBuckets buckets = new RateLimitBuckets(System::nanoTime);

    public DiscordRestClient(URI apiBase, String botToken, MeterRegistry registry) {
        this(apiBase, botToken, registry, DEFAULT_MAX_RATE_LIMIT_WAIT);
    }

    /**
     * @param apiBase          e.g. {@code https://discord.com/api/v10} or an emulator's {@code http://127.0.0.1:4444/api/v10}
     * @param maxRateLimitWait longest we ever sleep for a rate limit before one attempt
     */
    public DiscordRestClient(URI apiBase, String botToken, MeterRegistry registry, Duration maxRateLimitWait) {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(botToken, "botToken");
        this.registry = Objects.requireNonNull(registry, "registry");
        HttpUrl base = HttpUrl.parse(apiBase.toString());
        if (base == null) {
            throw new IllegalArgumentException("apiBase must be an http(s) URL");
        }
        this.apiBase = base;
        this.authorization = "Bot " + botToken;
        this.maxWaitNanos = maxRateLimitWait.toNanos();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(10))
                .retryOnConnectionFailure(false)
                .followRedirects(false) // a redirect would resend Authorization to wherever it points
                .build();
    }

    /** Acknowledges an interaction ({@code POST interactions/{id}/{token}/callback}) with a {@link ResponseBodies#callback()}. */
    public void respond(String interactionId, String interactionToken, ObjectNode callback) {
        execute(Route.interactionCallback(interactionId, interactionToken), callback);
    }

    /** Edits the original response, typically after a deferred acknowledgement. */
    public JsonNode editOriginal(String applicationId, String interactionToken, ObjectNode messageBody) {
        return execute(Route.editOriginal(applicationId, interactionToken), messageBody);
    }

    /** Sends a follow-up message. Not retried after an unclear outcome (see class comment). */
    public JsonNode followUp(String applicationId, String interactionToken, ObjectNode messageBody) {
        return execute(Route.followUp(applicationId, interactionToken), messageBody);
    }

    /** Bot-authenticated GET, e.g. {@code applications/@me}. Returns MissingNode for an empty body. */
    public JsonNode get(String route) {
        return execute(Route.bot("GET", route), null);
    }

    /** Bot-authenticated PUT, e.g. bulk-overwriting {@code applications/{app}/guilds/{guild}/commands}. */
    public JsonNode put(String route, JsonNode body) {
        return execute(Route.bot("PUT", route), body);
    }

    /** Bot-authenticated POST, e.g. {@code guilds/{id}/channels}. Not retried after an unclear outcome. */
    public JsonNode post(String route, JsonNode body) {
        return execute(Route.bot("POST", route), body);
    }

    JsonNode execute(Route route, JsonNode body) {
        Request request = buildRequest(route, body);
        boolean unclearBefore = false; // an earlier attempt may have been applied
        for (int attempt = 1; ; attempt++) {
            waitForBucket(route);
            long start = System.nanoTime();
            try (Response response = http.newCall(request).execute()) {
                int status = response.code();
                record(route, Integer.toString(status), start);
                buckets.update(route.bucketKey(), response.headers());
                String text = response.body().string();
                if (response.isSuccessful()) {
                    log.debug("{} -> {}", route, status);
                    return text.isBlank() ? MissingNode.getInstance() : parse(route, status, text);
                }
                if (status == 429) {
                    long waitNanos = retryAfterNanos(response, text);
                    buckets.markEmpty(route.bucketKey(), waitNanos);
                    Counter.builder("guildflow.discord.rate_limited")
                            .tag("route", route.template()).tag("method", route.method())
                            .register(registry).increment();
                    if (attempt < MAX_ATTEMPTS && waitNanos <= maxWaitNanos) {
                        log.warn("{} rate limited, retrying in {} ms", route, TimeUnit.NANOSECONDS.toMillis(waitNanos));
                        sleep(route, waitNanos);
                        continue;
                    }
                    throw apiError(route, status, text, Duration.ofNanos(waitNanos), unclearBefore);
                }
                if (status >= 500 && mayRetryUnclear(route, attempt)) {
                    log.warn("{} -> {}, retrying", route, status);
                    unclearBefore = true;
                    sleep(route, backoffNanos(attempt));
                    continue;
                }
                throw apiError(route, status, text, null, unclearBefore);
            } catch (IOException e) {
                record(route, "io_error", start);
                boolean notSent = e instanceof ConnectException || e instanceof UnknownHostException;
                if (attempt < MAX_ATTEMPTS && (notSent || mayRetryUnclear(route, attempt))) {
                    log.warn("{} failed ({}), retrying", route, e.getClass().getSimpleName());
                    unclearBefore |= !notSent;
                    sleep(route, backoffNanos(attempt));
                    continue;
                }
                throw new DiscordTransportException(route.method(), route.template(), e.getClass().getSimpleName());
            }
        }
    }

    private Request buildRequest(Route route, JsonNode body) {
        HttpUrl.Builder url = apiBase.newBuilder();
        for (String segment : route.segments()) {
            if (route.encoded()) {
                url.addEncodedPathSegment(segment);
            } else {
                url.addPathSegment(segment); // percent-encodes tokens
            }
        }
        if (route.query() != null) {
            url.encodedQuery(route.query());
        }
        Request.Builder b = new Request.Builder().url(url.build()).header("User-Agent", USER_AGENT);
        if (route.botAuth()) {
            b.header("Authorization", authorization);
        }
        RequestBody requestBody = null;
        if (body != null) {
            try {
                requestBody = RequestBody.create(json.writeValueAsBytes(body), JSON);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("request body is not serialisable: " + e.getOriginalMessage());
            }
        } else if (!route.method().equals("GET")) {
            requestBody = RequestBody.create(new byte[0], null);
        }
        return b.method(route.method(), requestBody).build();
    }

    private boolean mayRetryUnclear(Route route, int attempt) {
        if (route.callback()) {
            return attempt < 2; // one retry; a 40060 on it means the first went through
        }
        return route.idempotent() && attempt < MAX_ATTEMPTS;
    }

    private void waitForBucket(Route route) {
        long delay = buckets.delayNanos(route.bucketKey());
        if (delay <= 0) {
            return;
        }
        if (delay > maxWaitNanos) {
            // Sending now would only earn a 429 (which counts toward Cloudflare bans); waiting that
            // long would blow the interaction deadline. Fail fast and let the caller decide.
            throw new DiscordApiException(route.method(), route.template(), 429, 0,
                    "route bucket exhausted locally, resets in " + TimeUnit.NANOSECONDS.toMillis(delay) + " ms",
                    Duration.ofNanos(delay), false);
        }
        sleep(route, delay);
    }

    private long retryAfterNanos(Response response, String body) {
        // the body's retry_after has millisecond precision; the header is whole seconds
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.path("retry_after").isNumber()) {
                return RateLimitBuckets.secondsToNanos(node.get("retry_after").asDouble());
            }
        } catch (IOException ignored) {
            // not JSON (e.g. a Cloudflare page); fall back to headers
        }
        for (String header : new String[] {"Retry-After", "X-RateLimit-Reset-After"}) {
            String value = response.header(header);
            if (value != null) {
                try {
                    return RateLimitBuckets.secondsToNanos(Double.parseDouble(value.trim()));
                } catch (NumberFormatException ignored) {
                    // try the next source
                }
            }
        }
        return TimeUnit.SECONDS.toNanos(1);
    }

    private DiscordApiException apiError(Route route, int status, String body, Duration retryAfter, boolean afterRetry) {
        int code = 0;
        String message = "";
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                code = node.path("code").asInt(0);
                message = node.path("message").asText("");
                if (node.has("errors")) {
                    message += " " + node.get("errors"); // field-level details, useful for setup
                }
            }
        } catch (IOException e) {
            message = "non-JSON error body";
        }
        message = route.scrub(message);
        if (message.length() > MAX_ERROR_DETAIL) {
            message = message.substring(0, MAX_ERROR_DETAIL) + "...";
        }
        return new DiscordApiException(route.method(), route.template(), status, code, message, retryAfter, afterRetry);
    }

    private JsonNode parse(Route route, int status, String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new DiscordApiException(route.method(), route.template(), status, 0, "non-JSON success body", null, false);
        }
    }

    private void record(Route route, String status, long startNanos) {
        Timer.builder("guildflow.discord.requests")
                .description("Discord REST requests by route template")
                .tag("route", route.template())
                .tag("method", route.method())
                .tag("status", status)
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private static long backoffNanos(int attempt) {
        return TimeUnit.MILLISECONDS.toNanos(attempt == 1 ? 100 : 300);
    }

    private static void sleep(Route route, long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscordTransportException(route.method(), route.template(), "interrupted");
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
