package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.e2e.OtlpReceiver.ReceivedSpan;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What Tempo receives from the packaged jar running as a gateway process and a worker process:
 * each interaction is one trace, the gateway's publish span at its root, the worker's handling span
 * its child, and under the handling span the worker's SQL statements and its Discord call. The
 * gateway finds the receiver through {@code TEMPO_ENDPOINT}, the worker through
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, so both variables are proven.
 */
class OtlpTracesEndToEndIT {
    private static final int INTERACTIONS = 5;
    /** The exporters send in batches every 5 s; this leaves room for a loaded machine. */
    private static final Duration SPANS_ARRIVE = Duration.ofSeconds(30);
    private static final String INTERACTION_ID = "discord.interaction.id";

    @Test
    void eachInteractionIsOneTraceFromGatewayThroughWorkerToDatabaseAndDiscord() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver();
             IsolatedEnvironment environment = new IsolatedEnvironment("otlp");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).commands("ping").build().start()) {
            Map<String, String> gatewayEnv = JarProcess.gatewaySettings(emulator, environment);
            gatewayEnv.put("TEMPO_ENDPOINT", receiver.baseUrl());
            Map<String, String> workerEnv = JarProcess.workerSettings(emulator, environment);
            workerEnv.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.baseUrl());
            try (JarProcess worker = JarProcess.run(workerEnv); JarProcess gateway = JarProcess.run(gatewayEnv)) {
                worker.awaitReady(Duration.ofSeconds(90));
                gateway.awaitReady(Duration.ofSeconds(90));
                List<DispatchedInteraction> sent = new ArrayList<>();
                EmulatedGuild guild = emulator.guild(0);
                for (int i = 0; i < INTERACTIONS; i++) {
                    sent.add(emulator.slashCommand(guild, guild.members().get(i % guild.members().size()), "ping",
                            Map.of()));
                }
                for (DispatchedInteraction interaction : sent) {
                    emulator.awaitResponse(interaction.id(), Duration.ofSeconds(30));
                }

                awaitCompleteTraces(receiver, sent);
                Set<String> traceIds = new HashSet<>();
                for (DispatchedInteraction interaction : sent) {
                    traceIds.add(assertOneTrace(receiver.spans(), interaction.id()));
                }
                assertEquals(INTERACTIONS, traceIds.size(), "a trace of its own per interaction");
                assertNoSecret(receiver.spans(), sent, emulator.token());
                assertTrue(receiver.refused().isEmpty(), "every request was an OTLP protobuf export: "
                        + receiver.refused());
            }
        }
    }

    /** Gateway span at the root, worker span its child, the worker's SQL and Discord call under the worker span. */
    private static String assertOneTrace(List<ReceivedSpan> spans, String interactionId) {
        List<ReceivedSpan> published = spans.stream().filter(s -> s.service().equals("guildflow-gateway")
                && s.kind().equals("SPAN_KIND_PRODUCER") && interactionId.equals(s.attributes().get(INTERACTION_ID)))
                .toList();
        assertEquals(1, published.size(), "one gateway span for " + interactionId + ": " + published);
        ReceivedSpan gateway = published.get(0);
        assertEquals("", gateway.parentSpanId(), "the gateway span starts the trace");

        List<ReceivedSpan> handled = spans.stream().filter(s -> s.service().equals("guildflow-worker")
                && s.kind().equals("SPAN_KIND_CONSUMER") && interactionId.equals(s.attributes().get(INTERACTION_ID)))
                .toList();
        assertEquals(1, handled.size(), "one worker span for " + interactionId + ": " + handled);
        ReceivedSpan worker = handled.get(0);
        assertEquals(gateway.traceId(), worker.traceId(), "same trace");
        assertEquals(gateway.spanId(), worker.parentSpanId(), "the worker span is the gateway span's child");

        List<ReceivedSpan> children = spans.stream().filter(s -> s.traceId().equals(worker.traceId())
                && s.parentSpanId().equals(worker.spanId())).toList();
        List<ReceivedSpan> statements = children.stream()
                .filter(s -> s.kind().equals("SPAN_KIND_CLIENT") && s.hasAttributeStartingWith("db.")).toList();
        assertTrue(statements.stream().anyMatch(s -> s.attributes().values().stream()
                        .anyMatch(v -> v.contains("handled_interactions"))),
                "the ledger's SQL under the worker span of " + interactionId + ": " + describe(children));
        List<ReceivedSpan> discordCalls = children.stream()
                .filter(s -> s.kind().equals("SPAN_KIND_CLIENT") && s.attributes().containsKey("url.template"))
                .toList();
        assertFalse(discordCalls.isEmpty(), "the answer to Discord under the worker span: " + describe(children));
        for (ReceivedSpan call : discordCalls) {
            assertEquals(call.attributes().get("http.request.method") + " " + call.attributes().get("url.template"),
                    call.name(), "named by method and route template");
            assertTrue(call.attributes().containsKey("http.response.status_code"), call.toString());
        }
        assertTrue(discordCalls.stream().anyMatch(call -> call.name().equals("POST interactions/{id}/{token}/callback")),
                describe(discordCalls));
        return gateway.traceId();
    }

    private static void assertNoSecret(List<ReceivedSpan> spans, List<DispatchedInteraction> sent, String botToken) {
        for (ReceivedSpan span : spans) {
            String text = span.toString();
            assertFalse(text.contains(botToken), "bot token in " + text);
            for (DispatchedInteraction interaction : sent) {
                assertFalse(text.contains(interaction.token()), "interaction token in " + text);
            }
        }
    }

    private static void awaitCompleteTraces(OtlpReceiver receiver, List<DispatchedInteraction> sent)
            throws InterruptedException {
        long deadline = System.nanoTime() + SPANS_ARRIVE.toNanos();
        while (System.nanoTime() < deadline && !sent.stream().allMatch(i -> complete(receiver.spans(), i.id()))) {
            Thread.sleep(200);
        }
    }

    private static boolean complete(List<ReceivedSpan> spans, String interactionId) {
        try {
            assertOneTrace(spans, interactionId);
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private static String describe(List<ReceivedSpan> spans) {
        return spans.stream().map(s -> s.kind() + " " + s.name() + " " + s.attributes())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
