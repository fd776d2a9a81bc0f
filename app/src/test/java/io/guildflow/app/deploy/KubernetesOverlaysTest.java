package io.guildflow.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.config.BotMode;
import io.guildflow.common.config.GuildflowConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay with kubectl's kustomize and checks what a cluster would otherwise find out
 * at deploy time: schema validity, the gateway's single replica and rollout, probes and Prometheus
 * agreeing with METRICS_ADDRESS, each role's configuration accepted by the code, selectors, no
 * inlined secret, and the "restricted" Pod Security level.
 */
class KubernetesOverlaysTest {
    private static final Path K8S = RepositoryFiles.root().resolve("k8s");

    private static Manifests render(String overlay) {
        return Manifests.kustomize(K8S.resolve("overlays").resolve(overlay));
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void everyObjectMatchesTheKubernetesSchema(String overlay) {
        Manifests manifests = render(overlay);
        assertTrue(manifests.objects().size() >= 7, "too few objects rendered: " + manifests.objects().size());
        manifests.objects().forEach(KubernetesSchemas::validate);
    }

    @Test
    void theSchemaCheckRefusesAnUnknownField() {
        JsonNode broken = render("development").named("Deployment", "guildflow-gateway").deepCopy();
        ((ObjectNode) broken.path("spec")).put("replicaz", 2);
        AssertionError error = assertThrows(AssertionError.class,
                () -> KubernetesSchemas.validate(broken));
        assertTrue(error.getMessage().contains("replicaz"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void oneGatewayRolledOverWithoutAGap(String overlay) {
        Manifests manifests = render(overlay);
        JsonNode gateway = manifests.named("Deployment", "guildflow-gateway");
        assertEquals(1, gateway.path("spec").path("replicas").asInt(), "exactly one gateway per shard set");
        JsonNode strategy = gateway.path("spec").path("strategy");
        assertEquals("RollingUpdate", strategy.path("type").asText());
        assertEquals(1, strategy.path("rollingUpdate").path("maxSurge").asInt());
        assertEquals(0, strategy.path("rollingUpdate").path("maxUnavailable").asInt());
        long shutdownSeconds = seconds(config(manifests).path("SHUTDOWN_TIMEOUT").asText("20s"));
        long grace = gateway.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds")
                .asLong(30);
        assertTrue(grace > shutdownSeconds, "grace period " + grace + "s must exceed SHUTDOWN_TIMEOUT "
                + shutdownSeconds + "s");
        for (JsonNode hpa : manifests.ofKind("HorizontalPodAutoscaler")) {
            assertNotEquals("guildflow-gateway", hpa.path("spec").path("scaleTargetRef").path("name").asText(),
                    "the gateway must never autoscale");
        }
        JsonNode worker = manifests.named("Deployment", "guildflow-worker");
        assertTrue(worker.path("spec").path("replicas").isMissingNode(),
                "the HPA owns the worker count: no replicas in the Deployment");
        assertEquals("guildflow-worker", manifests.named("HorizontalPodAutoscaler", "guildflow-worker")
                .path("spec").path("scaleTargetRef").path("name").asText());
        manifests.named("PodDisruptionBudget", "guildflow-worker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void probesAndScrapingUseThePortOfMetricsAddress(String overlay) {
        Manifests manifests = render(overlay);
        String address = config(manifests).path("METRICS_ADDRESS").asText();
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        for (String role : List.of("gateway", "worker")) {
            JsonNode template = manifests.named("Deployment", "guildflow-" + role).path("spec").path("template");
            JsonNode container = template.path("spec").path("containers").get(0);
            JsonNode annotations = template.path("metadata").path("annotations");
            assertEquals("true", annotations.path("prometheus.io/scrape").asText(), role);
            assertEquals("/metrics", annotations.path("prometheus.io/path").asText(), role);
            assertEquals(String.valueOf(port), annotations.path("prometheus.io/port").asText(), role);
            assertProbe(container, "startupProbe", "/health", port);
            assertProbe(container, "livenessProbe", "/health", port);
            assertProbe(container, "readinessProbe", "/ready", port);
        }
        JsonNode policy = manifests.named("NetworkPolicy", "guildflow");
        assertTrue(policy.path("spec").path("ingress").findValues("port").stream().anyMatch(p -> p.asInt() == port),
                "the NetworkPolicy must let probes and Prometheus reach port " + port);
    }

    private static void assertProbe(JsonNode container, String probe, String path, int port) {
        JsonNode http = container.path(probe).path("httpGet");
        String where = container.path("name").asText() + " " + probe;
        assertEquals(path, http.path("path").asText(), where);
        assertEquals(port, resolvePort(container, http.path("port")), where);
        assertTrue(container.path(probe).path("timeoutSeconds").asInt(1) >= 2, where + ": 1 s timeouts flap");
    }

    private static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (port.asText().equals(declared.path("name").asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("port " + port + " is not declared by container " + container.path("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void eachRoleGetsWhatTheCodeRequiresAndOnlyItsOwnSecret(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, String> configMap = new HashMap<>();
        config(manifests).fields().forEachRemaining(e -> configMap.put(e.getKey(), e.getValue().asText()));
        for (String role : List.of("gateway", "worker")) {
            JsonNode container = manifests.named("Deployment", "guildflow-" + role)
                    .path("spec").path("template").path("spec").path("containers").get(0);
            Map<String, String> env = new HashMap<>(configMap);
            for (JsonNode from : container.path("envFrom")) {
                if (from.has("secretRef")) {
                    String secret = from.path("secretRef").path("name").asText();
                    assertEquals("guildflow-" + role, secret, role + " must read only its own secret");
                    env.putAll(SecretExamples.keys(secret));
                }
            }
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            GuildflowConfig parsed = GuildflowConfig.fromEnvironment(env).validateForMode();
            assertEquals(role.equals("gateway") ? BotMode.GATEWAY : BotMode.WORKER, parsed.mode(), role);
            assertEquals(overlay, parsed.environment(), role);
            assertFalse(parsed.natsUrls().contains(GuildflowConfig.DEFAULT_NATS_URL), role + " NATS_URL left default");
            if (role.equals("worker")) {
                assertFalse(env.containsKey("DISCORD_TOKEN"), "workers answer with interaction tokens, not the bot token");
            } else {
                assertFalse(env.containsKey("DATABASE_URL"), "the gateway has no business with the database");
            }
        }
    }

    @Test
    void overlaysAreSeparateEnvironmentsAndProductionIsClustered() {
        JsonNode development = config(render("development"));
        JsonNode production = config(render("production"));
        assertNotEquals(development.path("ENVIRONMENT").asText(), production.path("ENVIRONMENT").asText());
        assertEquals("3", production.path("STREAM_REPLICAS").asText());
        assertEquals(3, production.path("NATS_URL").asText().split(",").length, "all three NATS servers");
        GuildflowConfig parsed = GuildflowConfig.fromEnvironment(Map.of(
                "NATS_URL", production.path("NATS_URL").asText(),
                "STREAM_REPLICAS", production.path("STREAM_REPLICAS").asText()));
        assertEquals(3, parsed.topology().streamReplicas());
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void selectorsMatchTheirPods(String overlay) {
        Manifests manifests = render(overlay);
        List<JsonNode> templates = manifests.objects().stream()
                .filter(o -> Manifests.podSpec(o).isPresent() && !o.path("kind").asText().equals("Job"))
                .map(o -> o.path("spec").path("template"))
                .toList();
        for (JsonNode workload : manifests.objects()) {
            if (workload.path("spec").has("selector") && workload.path("spec").has("template")) {
                assertSubset(workload.path("spec").path("selector").path("matchLabels"),
                        Manifests.labels(workload.path("spec").path("template")), name(workload));
            }
        }
        for (JsonNode pdb : manifests.ofKind("PodDisruptionBudget")) {
            assertSelectsSomething(pdb.path("spec").path("selector").path("matchLabels"), templates, name(pdb));
        }
        for (JsonNode policy : manifests.ofKind("NetworkPolicy")) {
            assertSelectsSomething(policy.path("spec").path("podSelector").path("matchLabels"), templates,
                    name(policy));
        }
        for (JsonNode service : manifests.ofKind("Service")) {
            assertSelectsSomething(service.path("spec").path("selector"), templates, name(service));
        }
        for (JsonNode hpa : manifests.ofKind("HorizontalPodAutoscaler")) {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            manifests.named(target.path("kind").asText(), target.path("name").asText());
        }
    }

    private static void assertSelectsSomething(JsonNode selector, List<JsonNode> templates, String what) {
        assertFalse(selector.isEmpty(), what + " has an empty selector");
        assertTrue(templates.stream().anyMatch(t -> isSubset(selector, Manifests.labels(t))),
                what + " selects no pod: " + selector);
    }

    private static void assertSubset(JsonNode selector, JsonNode labels, String what) {
        assertTrue(isSubset(selector, labels), what + ": selector " + selector + " does not match labels " + labels);
    }

    private static boolean isSubset(JsonNode selector, JsonNode labels) {
        var fields = selector.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static String name(JsonNode object) {
        return object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
    }

    static JsonNode config(Manifests manifests) {
        return manifests.generatedConfigMap("guildflow-config").path("data");
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(s|m)");

    private static long seconds(String duration) {
        Matcher matcher = SIMPLE_DURATION.matcher(duration);
        assertTrue(matcher.matches(), "SHUTDOWN_TIMEOUT in the ConfigMap should look like 20s, not " + duration);
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).equals("m") ? amount * 60 : amount;
    }
}
