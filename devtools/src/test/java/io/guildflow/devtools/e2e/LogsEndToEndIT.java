package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The logs of a gateway and a worker process (the packaged jar, LOG_LEVEL=debug, LOKI_URL at a local
 * receiver): every stdout line is one JSON object naming app, mode and environment; each handling
 * line carries its trace, guild and interaction ids; no line carries the bot token, the database
 * password or an interaction token; and the same events arrive at Loki with their labels.
 */
class LogsEndToEndIT {
    private static final String DB_PASSWORD = "not-for-logs-7f3a";
    private static final int PINGS = 10;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyLineIsJsonWithIdsAndNoSecretsAndReachesLoki() throws Exception {
        Map<String, Set<String>> lokiLabels = new ConcurrentHashMap<>();
        List<String> lokiLines = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpServer loki = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        loki.createContext("/loki/api/v1/push", exchange -> {
            for (JsonNode stream : json.readTree(exchange.getRequestBody().readAllBytes()).path("streams")) {
                String mode = stream.path("stream").path("mode").asText();
                lokiLabels.computeIfAbsent(mode, m -> ConcurrentHashMap.newKeySet()).add(stream.path("stream").toString());
                stream.path("values").forEach(value -> lokiLines.add(value.get(1).asText()));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        loki.start();
        try (IsolatedEnvironment environment = new IsolatedEnvironment("logs");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start()) {
            String lokiUrl = "http://127.0.0.1:" + loki.getAddress().getPort();
            Map<String, String> observed = Map.of("LOG_LEVEL", "debug", "LOKI_URL", lokiUrl);
            Map<String, String> workerEnv = new HashMap<>(JarProcess.workerSettings(emulator, environment));
            workerEnv.putAll(observed);
            workerEnv.put("DATABASE_URL", environment.databaseUrl() + "&password=" + DB_PASSWORD);
            Map<String, String> gatewayEnv = new HashMap<>(JarProcess.gatewaySettings(emulator, environment));
            gatewayEnv.putAll(observed);
            List<DispatchedInteraction> sent = new ArrayList<>();
            String workerOutput;
            String gatewayOutput;
            try (JarProcess worker = JarProcess.run(workerEnv);
                 JarProcess gateway = JarProcess.run(gatewayEnv)) {
                worker.awaitReady(Duration.ofSeconds(90));
                gateway.awaitReady(Duration.ofSeconds(90));
                for (int i = 0; i < PINGS; i++) {
                    EmulatedGuild guild = emulator.guild(i % 2);
                    sent.add(emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of()));
                }
                for (DispatchedInteraction interaction : sent) {
                    emulator.awaitResponse(interaction.id(), Duration.ofSeconds(30));
                }
                Thread.sleep(2_500); // loki4j sends its batch within a second
                workerOutput = worker.output();
                gatewayOutput = gateway.output();
            }

            List<JsonNode> workerLines = parseEveryLine(workerOutput, "worker", environment.name());
            parseEveryLine(gatewayOutput, "gateway", environment.name());
            for (DispatchedInteraction interaction : sent) {
                JsonNode handled = workerLines.stream()
                        .filter(line -> interaction.id().equals(line.path("interaction_id").asText())
                                && line.path("message").asText().contains("handled"))
                        .findFirst().orElseThrow(() -> new AssertionError("no handling line for "
                                + interaction.id() + " in\n" + workerOutput));
                assertEquals(interaction.guildId(), handled.path("guild_id").asText(), handled.toString());
                assertTrue(handled.path("trace_id").asText().matches("[0-9a-f]{32}"), handled.toString());
                assertTrue(handled.path("span_id").asText().matches("[0-9a-f]{16}"), handled.toString());
            }

            List<String> secrets = new ArrayList<>(List.of(emulator.token(), DB_PASSWORD));
            sent.forEach(interaction -> secrets.add(interaction.token()));
            for (String output : List.of(workerOutput, gatewayOutput, String.join("\n", lokiLines))) {
                for (String secret : secrets) {
                    assertFalse(output.contains(secret), "a secret is logged: " + secret.substring(0, 4) + "...");
                }
            }

            assertTrue(lokiLabels.keySet().containsAll(List.of("worker", "gateway")), "streams: " + lokiLabels);
            for (Set<String> labels : lokiLabels.values()) {
                for (String label : labels) {
                    JsonNode stream = json.readTree(label);
                    assertEquals("guildflow", stream.path("app").asText(), label);
                    assertEquals(environment.name(), stream.path("environment").asText(), label);
                }
            }
            assertTrue(lokiLines.stream().anyMatch(line -> line.contains("handled in")), "handling lines reach Loki");
        } finally {
            loki.stop(0);
        }
    }

    /** Every line must be one JSON object of this process. */
    private List<JsonNode> parseEveryLine(String output, String mode, String environment) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line from the " + mode + ": " + line, e);
            }
            assertTrue(node.isObject(), line);
            assertEquals(mode, node.path("mode").asText(), line);
            assertEquals(environment, node.path("environment").asText(), line);
            assertEquals("guildflow", node.path("app").asText(), line);
            lines.add(node);
        }
        assertFalse(lines.isEmpty(), "the " + mode + " logged nothing");
        return lines;
    }
}
