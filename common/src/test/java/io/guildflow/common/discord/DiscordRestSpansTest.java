package io.guildflow.common.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.guildflow.common.discord.StubDiscord.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each Discord call is a CLIENT span under the current span, named by its template, with no token anywhere. */
class DiscordRestSpansTest {
    private static final String TOKEN = "aW50ZXJhY3Rpb246MTIzOnNlY3JldA";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private StubDiscord discord;
    private SdkTracerProvider tracing;
    private Tracer tracer;
    private DiscordRestClient client;

    @BeforeEach
    void start() throws Exception {
        discord = new StubDiscord();
        tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
        tracer = tracing.get("test");
        client = new DiscordRestClient(discord.apiBase(), "MTIz.bot-secret", new SimpleMeterRegistry(),
                Duration.ofSeconds(2), tracer);
    }

    @AfterEach
    void stop() {
        client.close();
        discord.close();
        tracing.close();
    }

    @Test
    void callsAreChildSpansOfTheHandlingNamedByTemplate() {
        discord.reply(Reply.json(204, ""));
        discord.reply(Reply.json(404, "{\"code\":10008,\"message\":\"Unknown Message\"}"));
        Span handling = tracer.spanBuilder("process").setSpanKind(SpanKind.CONSUMER).startSpan();
        try (Scope ignored = handling.makeCurrent()) {
            client.respond("111", TOKEN, JsonNodeFactory.instance.objectNode().put("type", 5));
            assertThrows(DiscordApiException.class, () -> client.editOriginal("222", TOKEN,
                    JsonNodeFactory.instance.objectNode().put("content", "x")));
        } finally {
            handling.end();
        }

        SpanData callback = named("POST interactions/{id}/{token}/callback");
        assertEquals(SpanKind.CLIENT, callback.getKind());
        assertEquals(handling.getSpanContext().getSpanId(), callback.getParentSpanId());
        assertEquals(204L, callback.getAttributes().get(RestSpans.STATUS));
        assertEquals("interactions/{id}/{token}/callback", callback.getAttributes().get(RestSpans.ROUTE));
        assertEquals(StatusCode.UNSET, callback.getStatus().getStatusCode());

        SpanData edit = named("PATCH webhooks/{application}/{token}/messages/@original");
        assertEquals(handling.getSpanContext().getSpanId(), edit.getParentSpanId());
        assertEquals(404L, edit.getAttributes().get(RestSpans.STATUS));
        assertEquals(StatusCode.ERROR, edit.getStatus().getStatusCode());
        assertEquals("404", edit.getAttributes().get(RestSpans.ERROR_TYPE));

        for (SpanData span : exported.getFinishedSpanItems()) {
            assertFalse(span.toString().contains(TOKEN), "no token in " + span);
        }
    }

    @Test
    void theNoOpTracerMakesNoSpan() {
        RestSpans untraced = new RestSpans(io.opentelemetry.api.OpenTelemetry.noop().getTracer("io.guildflow"));
        Span handling = tracer.spanBuilder("process").startSpan();
        try (Scope ignored = handling.makeCurrent()) {
            assertFalse(untraced.start(Route.bot("GET", "gateway/bot")).getSpanContext().isValid());
        } finally {
            handling.end();
        }
    }

    private SpanData named(String name) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + exported.getFinishedSpanItems()));
    }
}
