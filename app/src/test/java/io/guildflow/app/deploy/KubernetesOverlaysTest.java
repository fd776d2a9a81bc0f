package io.guildflow.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.guildflow.app.config.BotMode;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.common.nats.NatsServers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay with kubectl's kustomize and checks what a cluster would otherwise find out
 * at deploy time: schema validity, the gateway's two replicas (spread, kept through a drain) and rollout, probes and Prometheus
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
    void twoGatewaysOnDifferentNodesRolledOverOneAtATime(String overlay) {
        Manifests manifests = render(overlay);
        JsonNode gateway = manifests.named("Deployment", "guildflow-gateway");
        assertEquals(2, gateway.path("spec").path("replicas").asInt(),
                "two live sessions per shard set: one that dies takes no interaction with it");
        JsonNode spread = gateway.path("spec").path("template").path("spec").path("affinity").path("podAntiAffinity")
                .path("preferredDuringSchedulingIgnoredDuringExecution").path(0).path("podAffinityTerm");
        assertEquals("kubernetes.io/hostname", spread.path("topologyKey").asText(), "one gateway per node");
        assertEquals(gateway.path("spec").path("selector").path("matchLabels"),
                spread.path("labelSelector").path("matchLabels"), "apart from the other gateway");
        JsonNode budget = manifests.named("PodDisruptionBudget", "guildflow-gateway");
        assertEquals(1, budget.path("spec").path("minAvailable").asInt(), "a drain keeps one gateway");
        assertEquals(gateway.path("spec").path("selector").path("matchLabels"),
                budget.path("spec").path("selector").path("matchLabels"));
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
    void theGatewayRequestsMoreCpuThanAWorker(String overlay) {
        Manifests manifests = render(overlay);
        assertTrue(millicores(manifests, "gateway") > millicores(manifests, "worker"),
                "on a busy node CPU goes by request, and the gateway has 3 s to acknowledge");
    }

    private static long millicores(Manifests manifests, String role) {
        String cpu = manifests.named("Deployment", "guildflow-" + role).path("spec").path("template").path("spec")
                .path("containers").get(0).path("resources").path("requests").path("cpu").asText();
        return cpu.endsWith("m") ? Long.parseLong(cpu.substring(0, cpu.length() - 1)) : Long.parseLong(cpu) * 1000;
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
            assertEquals(role.equals("gateway") ? BotMode.GATEWAY : BotMode.WORKER, parsed.process().mode(), role);
            assertEquals(overlay, parsed.environment(), role);
            assertFalse(parsed.nats().servers().urls().contains(NatsServers.DEFAULT_URL), role + " NATS_URL left default");
            assertFalse(configMap.containsKey("NATS_URL"), "NATS_URL carries a role's password: its secret, not the ConfigMap");
            assertNatsUser(role, overlay, env.get("NATS_URL"));
            if (role.equals("worker")) {
                // Interaction answers need no bot token, but the outbox (discord().postMessage/editMessage) does.
                assertTrue(env.containsKey("DISCORD_TOKEN"), "workers post and edit channel messages as the bot");
            } else {
                assertFalse(env.containsKey("DATABASE_URL"), "the gateway has no business with the database");
            }
        }
    }

    /** NATS_URL names the role's own user of the sample configuration: {@code <env>-<role>}, which the sample lists for this overlay. */
    private static void assertNatsUser(String role, String overlay, String natsUrl) {
        Matcher user = Pattern.compile("nats://([a-z0-9_-]+)-([a-z]+):[A-Za-z][A-Za-z0-9]*@.+").matcher(natsUrl);
        assertTrue(user.matches(), role + "'s NATS_URL has no user and password: " + natsUrl);
        assertEquals(role, user.group(2), role + " connects as another role's user: " + natsUrl);
        assertTrue(NatsSample.text().contains("{ user: " + overlay + "-" + role + ", password: $GF_"
                + overlay.toUpperCase(Locale.ROOT) + "_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD"),
                "deploy/nats/nats-server.conf has no user " + overlay + "-" + role);
    }

    @Test
    void developmentNatsRunsTheSampleWithEveryRolesUser() {
        Manifests manifests = render("development");
        JsonNode pod = manifests.named("StatefulSet", "nats").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertEquals("[\"/bin/sh\",\"/etc/nats/start.sh\"]", container.path("command").toString());
        String configMap = pod.path("volumes").get(0).path("configMap").path("name").asText();
        JsonNode files = manifests.named("ConfigMap", configMap).path("data");
        assertTrue(configMap.startsWith("nats-config-"), "generated from deploy/nats: " + configMap);
        assertEquals(NatsSample.text(), files.path("nats-server.conf").asText(), "not the sample itself");
        assertEquals(NatsSample.startScript(), files.path("start.sh").asText(), "not deploy/nats/start.sh itself");
        assertTrue(container.path("volumeMounts").findParents("mountPath").stream().anyMatch(mount ->
                mount.path("name").asText().equals("config") && mount.path("mountPath").asText().equals("/etc/nats")
                        && mount.path("readOnly").asBoolean()), "the configuration mounted read-only at /etc/nats");
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("valueFrom")));
        // the account whose users may log in is the ENVIRONMENT the Guildflow pods run
        JsonNode environment = env.get("ENVIRONMENT").path("configMapKeyRef");
        assertEquals("ENVIRONMENT", environment.path("key").asText());
        assertEquals(manifests.generatedConfigMap("guildflow-config").path("metadata").path("name").asText(),
                environment.path("name").asText());
        Map<String, String> serverPasswords = SecretExamples.keys("guildflow-dev-nats");
        for (String role : List.of("gateway", "worker", "setup")) {
            String variable = "NATS_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD";
            JsonNode secret = env.get(variable).path("secretKeyRef");
            assertEquals("guildflow-dev-nats", secret.path("name").asText(), variable);
            assertEquals(variable, secret.path("key").asText());
            String natsUrl = SecretExamples.keys("guildflow-" + role).get("NATS_URL");
            assertNatsUser(role, "development", natsUrl);
            assertTrue(natsUrl.contains(":" + serverPasswords.get(variable) + "@"),
                    "the examples of guildflow-" + role + " and guildflow-dev-nats disagree on the password");
        }
    }

    @Test
    void theSetupJobConnectsAsTheSetupUser() {
        JsonNode container = Manifests.kustomize(K8S.resolve("jobs/setup-guild")).named("Job", "guildflow-setup")
                .path("spec").path("template").path("spec").path("containers").get(0);
        JsonNode natsUrl = container.path("env").findParents("name").stream()
                .filter(e -> e.path("name").asText().equals("NATS_URL")).findFirst()
                .orElseThrow(() -> new AssertionError("the setup Job has no NATS_URL")).path("valueFrom").path("secretKeyRef");
        assertEquals("guildflow-setup", natsUrl.path("name").asText());
        assertNatsUser("setup", "development", SecretExamples.keys("guildflow-setup").get(natsUrl.path("key").asText()));
    }

    @Test
    void theDevelopmentNetworkPoliciesLetTheSetupJobReachNatsAndPostgres() {
        JsonNode setupPod = Manifests.kustomize(K8S.resolve("jobs/setup-guild")).named("Job", "guildflow-setup")
                .path("spec").path("template");
        Manifests development = render("development");
        for (String server : List.of("nats", "postgres")) {
            JsonNode ingress = development.named("NetworkPolicy", server).path("spec").path("ingress");
            assertTrue(ingress.findValues("podSelector").stream()
                    .anyMatch(selector -> isSubset(selector.path("matchLabels"), Manifests.labels(setupPod))),
                    "the " + server + " NetworkPolicy shuts out the setup Job: " + ingress);
        }
    }

    @Test
    void overlaysAreSeparateEnvironmentsAndProductionIsClustered() throws Exception {
        JsonNode development = config(render("development"));
        JsonNode production = config(render("production"));
        assertNotEquals(development.path("ENVIRONMENT").asText(), production.path("ENVIRONMENT").asText());
        assertEquals("3", production.path("STREAM_REPLICAS").asText());
        GuildflowConfig parsed = GuildflowConfig.fromEnvironment(Map.of(
                "STREAM_REPLICAS", production.path("STREAM_REPLICAS").asText()));
        assertEquals(3, parsed.nats().topology().streamReplicas());
        JsonNode nats = new ObjectMapper(new YAMLFactory()).readTree(
                K8S.resolve("overlays/production/helm/nats-values.yaml").toFile());
        assertEquals(3, nats.path("config").path("cluster").path("replicas").asInt(), "a 3-node NATS cluster");
        // the same accounts: the sample included as it is, every password it names from one secret
        assertEquals("guildflow-accounts.conf", nats.path("config").path("merge").path("$include").asText());
        assertEquals("guildflow-nats", nats.path("container").path("merge").path("envFrom").get(0)
                .path("secretRef").path("name").asText());
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
