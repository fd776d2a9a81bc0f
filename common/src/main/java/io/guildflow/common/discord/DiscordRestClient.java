package io.guildflow.common.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.governor.GovernorSettings;
import io.guildflow.common.discord.governor.Priority;
import io.guildflow.common.discord.governor.RestGovernor;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord REST calls workers need to answer interactions, plus generic bot-route helpers for
 * {@code guildflow setup}. Synchronous and thread-safe; one instance per runtime, sharing one
 * OkHttp connection pool. Its parts: {@link Route} (templates, bucket keys), {@link RequestBuilder},
 * the {@link RestGovernor} (route buckets, the global limit, the invalid-request breaker; shared with
 * the environment's other processes when the runtime wires it so), {@link RetryPolicy}, {@link ErrorMapping} (codes named by
 * {@link DiscordError}), {@link RestMetrics} and {@link RestSpans}; this class runs the loop that ties them
 * together.
 *
 * <p>Retry policy (an interaction must be acknowledged within 3 s, so every wait is bounded):
 * <ul>
 *   <li>429: Discord did not process the request, so retrying is always safe; we wait
 *       {@code retry_after} and retry, at most {@value RetryPolicy#MAX_ATTEMPTS} attempts in total, and give up
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
    /** OkHttp's own default. */
    public static final int DEFAULT_IDLE_CONNECTIONS = 5;

    private static final Logger log = LoggerFactory.getLogger(DiscordRestClient.class);

    private final OkHttpClient http;
    private final RequestBuilder requests;
    private final RetryPolicy retry;
    private final ErrorMapping errors = new ErrorMapping();
    private final RestMetrics metrics;
    private final RestSpans spans;
    private final RestGovernor governor;
    private final Priority botRoutes;

    public DiscordRestClient(URI apiBase, String botToken, MeterRegistry registry) {
        this(apiBase, botToken, registry, DEFAULT_MAX_RATE_LIMIT_WAIT);
    }

    /**
     * An operator's or gateway's client ({@code setup}, the gateway's command registration and {@code GET gateway/bot})
     * within {@code governor}, the budget its environment shares: its calls count against the bot's global limit like
     * the workers' do.
     */
    public DiscordRestClient(URI apiBase, String botToken, MeterRegistry registry, RestGovernor governor) {
        this(apiBase, botToken, registry, DEFAULT_MAX_RATE_LIMIT_WAIT, OpenTelemetry.noop().getTracer("io.guildflow"),
                DEFAULT_IDLE_CONNECTIONS, governor, Priority.SETUP);
    }

    /**
     * @param apiBase          e.g. {@code https://discord.com/api/v10} or an emulator's {@code http://127.0.0.1:4444/api/v10}
     * @param maxRateLimitWait longest we ever sleep for a rate limit before one attempt
     */
    public DiscordRestClient(URI apiBase, String botToken, MeterRegistry registry, Duration maxRateLimitWait) {
        this(apiBase, botToken, registry, maxRateLimitWait, OpenTelemetry.noop().getTracer("io.guildflow"));
    }

    /**
     * @param tracer makes a CLIENT span per call, child of the current span (the worker's handling);
     *               the no-op tracer when traces are not exported
     */
    public DiscordRestClient(URI apiBase, String botToken, MeterRegistry registry, Duration maxRateLimitWait,
                             Tracer tracer) {
        this(apiBase, botToken, registry, maxRateLimitWait, tracer, DEFAULT_IDLE_CONNECTIONS);
    }

    /**
     * @param idleConnections connections kept open between calls: as many as callers send at once in a
     *                        burst, so none of them pays a new connection when it matters
     */
    public DiscordRestClient(URI apiBase, String botToken, MeterRegistry registry, Duration maxRateLimitWait,
                             Tracer tracer, int idleConnections) {
        this(apiBase, botToken, registry, maxRateLimitWait, tracer, idleConnections,
                GovernorSettings.defaults().alone(),
                Priority.SETUP);
    }

    /**
     * @param governor  the bot's REST budget; the runtime passes one shared with its environment
     * @param botRoutes the priority of bot-authenticated calls made through this client (interaction
     *                  callbacks and webhooks are always {@link Priority#INTERACTION})
     */
    public DiscordRestClient(URI apiBase, String botToken, MeterRegistry registry, Duration maxRateLimitWait,
                             Tracer tracer, int idleConnections, RestGovernor governor, Priority botRoutes) {
        this.governor = Objects.requireNonNull(governor, "governor");
        this.botRoutes = Objects.requireNonNull(botRoutes, "botRoutes");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(botToken, "botToken");
        HttpUrl base = HttpUrl.parse(apiBase.toString());
        if (base == null) {
            throw new IllegalArgumentException("apiBase must be an http(s) URL");
        }
        this.requests = new RequestBuilder(base, botToken);
        this.metrics = new RestMetrics(Objects.requireNonNull(registry, "registry"));
        this.retry = new RetryPolicy(maxRateLimitWait.toNanos());
        this.spans = new RestSpans(Objects.requireNonNull(tracer, "tracer"));
        this.http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(idleConnections, 5, TimeUnit.MINUTES))
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

    /** The message {@code @original} names now: the answer, or after a deferred update the component's message. */
    public JsonNode getOriginal(String applicationId, String interactionToken) {
        return execute(Route.getOriginal(applicationId, interactionToken), null);
    }

    /** Deletes the original response, e.g. a public "thinking…" an ephemeral answer must not fill. */
    public void deleteOriginal(String applicationId, String interactionToken) {
        execute(Route.deleteOriginal(applicationId, interactionToken), null);
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

    /** Bot-authenticated PATCH, e.g. editing {@code channels/{id}/messages/{message}}. */
    public JsonNode patch(String route, JsonNode body) {
        return execute(Route.bot("PATCH", route), body);
    }

    /** One request under the retry policy, in its own span. */
    JsonNode execute(Route route, JsonNode body) {
        Span span = spans.start(route);
        try {
            return attempt(route, body, span);
        } catch (RuntimeException e) {
            RestSpans.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Bucket wait, send, then success, retry or a mapped error. */
    private JsonNode attempt(Route route, JsonNode body, Span span) {
        Request request = requests.build(route, body);
        boolean unclearBefore = false; // an earlier attempt may have been applied
        for (int attempt = 1; ; attempt++) {
            RestGovernor.Permit permit = admit(route);
            long start = System.nanoTime();
            try (Response response = http.newCall(request).execute()) {
                int status = response.code();
                metrics.request(route, Integer.toString(status), start);
                RestSpans.answered(span, status, attempt);
                String text = response.body().string();
                long waitNanos = status == 429 ? errors.retryAfterNanos(response, text) : 0;
                governor.answered(permit, status, response::header, TimeUnit.NANOSECONDS.toMillis(waitNanos));
                if (response.isSuccessful()) {
                    log.debug("{} -> {}", route, status);
                    return text.isBlank() ? MissingNode.getInstance() : errors.parseSuccess(route, status, text);
                }
                if (status == 429) {
                    metrics.rateLimited(route);
                    if (retry.retryRateLimited(attempt, waitNanos)) {
                        // the governor now holds the bucket (or the global budget) until Discord's reset
                        log.warn("{} rate limited, retrying in {} ms", route, TimeUnit.NANOSECONDS.toMillis(waitNanos));
                        continue;
                    }
                    throw errors.apiError(route, status, text, Duration.ofNanos(waitNanos), unclearBefore);
                }
                if (status >= 500 && retry.retryUnclear(route, attempt)) {
                    log.warn("{} -> {}, retrying", route, status);
                    unclearBefore = true;
                    sleep(route, retry.backoffNanos(attempt));
                    continue;
                }
                throw errors.apiError(route, status, text, null, unclearBefore);
            } catch (IOException e) {
                governor.abandoned(permit);
                metrics.request(route, "io_error", start);
                boolean notSent = e instanceof ConnectException || e instanceof UnknownHostException;
                if (retry.retryIoError(route, attempt, notSent)) {
                    log.warn("{} failed ({}), retrying", route, e.getClass().getSimpleName());
                    unclearBefore |= !notSent;
                    sleep(route, retry.backoffNanos(attempt));
                    continue;
                }
                throw new DiscordTransportException(route.method(), route.template(), e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Waits (bounded by {@code maxRateLimitWait} in total) until the governor lets the request go.
     * Fails fast with a local 429 when the wait would be longer or the breaker sheds the request:
     * sending anyway would only earn a 429, which counts toward Cloudflare's ban.
     */
    private RestGovernor.Permit admit(Route route) {
        Priority priority = route.botAuth() ? botRoutes : Priority.INTERACTION;
        String limited = route.method() + " " + route.template();
        String major = route.bucketKey().substring(route.bucketKey().lastIndexOf('|') + 1);
        long waited = 0;
        while (true) {
            RestGovernor.Admission admission = governor.admit(limited, major, priority);
            if (admission.permit() != null) {
                if (waited > 0) {
                    governor.waited(priority, waited);
                }
                return admission.permit();
            }
            if (admission.shed() || !retry.mayWaitForBucket(TimeUnit.MILLISECONDS.toNanos(waited + admission.waitMillis()))) {
                String why = admission.shed() ? "shed by the invalid-request breaker"
                        : "rate limit budget exhausted locally";
                throw new DiscordApiException(route.method(), route.template(), 429, 0,
                        why + ", retry in " + admission.waitMillis() + " ms",
                        Duration.ofMillis(admission.waitMillis()), false);
            }
            sleep(route, TimeUnit.MILLISECONDS.toNanos(admission.waitMillis()));
            waited += admission.waitMillis();
        }
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
