package io.guildflow.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pod we ship (both overlays and the setup Job) passes the "restricted" Pod Security Standard,
 * has requests and limits with the JVM's processor count matching its CPU limit, runs a pinned image,
 * and reads secrets only from Secret objects that the manifests never contain.
 */
class PodSecurityTest {
    private static final Path K8S = RepositoryFiles.root().resolve("k8s");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|PASSWORD|SECRET|DATABASE_URL|NATS_URL|CREDS).*");

    static Stream<Manifests> everything() throws Exception {
        return Stream.of(
                Manifests.kustomize(K8S.resolve("overlays/development")),
                Manifests.kustomize(K8S.resolve("overlays/production")),
                setupJob());
    }

    /** The setup Job as scripts/setup-guild.sh creates it (k8s/jobs/setup-guild with the deployed image). */
    private static Manifests setupJob() throws Exception {
        SetupJobTest.Run run = SetupJobTest.script(Map.of(), "k8s", "123456789012345678", "--image",
                "registry.example.com/guildflow:0.1.0", "--config-map", "guildflow-config-abc", "--print");
        assertEquals(0, run.exitCode(), run.err());
        return Manifests.text("scripts/setup-guild.sh k8s … --print", run.out());
    }

    @ParameterizedTest
    @MethodSource("everything")
    void everyPodMeetsTheRestrictedLevel(Manifests manifests) {
        List<JsonNode> pods = manifests.podSpecs();
        assertFalse(pods.isEmpty(), manifests.source() + " has no pods");
        for (JsonNode pod : pods) {
            JsonNode podSecurity = pod.path("securityContext");
            assertFalse(pod.path("hostNetwork").asBoolean() || pod.path("hostPID").asBoolean()
                    || pod.path("hostIPC").asBoolean(), "host namespaces");
            assertTrue(podSecurity.path("runAsNonRoot").asBoolean(), "runAsNonRoot in " + manifests.source());
            assertTrue(podSecurity.path("runAsUser").asInt(0) > 0, "a non-zero runAsUser");
            assertEquals("RuntimeDefault", podSecurity.path("seccompProfile").path("type").asText());
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), "no API token in our pods");
            for (JsonNode container : containers(pod)) {
                String name = container.path("name").asText();
                JsonNode security = container.path("securityContext");
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), name + " allowPrivilegeEscalation");
                assertFalse(security.path("privileged").asBoolean(), name + " privileged");
                assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString(), name + " drop ALL");
                assertTrue(security.path("capabilities").path("add").isMissingNode(), name + " adds capabilities");
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), name + " read-only root");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("everything")
    void everyContainerHasRequestsLimitsAndAPinnedImage(Manifests manifests) {
        for (JsonNode pod : manifests.podSpecs()) {
            for (JsonNode container : containers(pod)) {
                String name = container.path("name").asText();
                JsonNode resources = container.path("resources");
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertFalse(resources.path(kind).path(resource).asText().isEmpty(),
                                name + " " + kind + "." + resource);
                    }
                }
                String image = container.path("image").asText();
                assertTrue(image.contains("@sha256:") || image.matches(".+:[^/:]+"), name + " image untagged: " + image);
                assertFalse(image.endsWith(":latest") || image.endsWith(":set-by-overlay"), name + ": " + image);
                javaProcessorCount(container).ifPresent(count -> assertEquals(
                        (int) Math.ceil(cpu(resources.path("limits").path("cpu").asText())), count,
                        name + ": -XX:ActiveProcessorCount must match the CPU limit"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("everything")
    void noSecretIsInlined(Manifests manifests) {
        assertTrue(manifests.ofKind("Secret").isEmpty(), "a Secret object in " + manifests.source());
        for (JsonNode configMap : manifests.ofKind("ConfigMap")) {
            configMap.path("data").fieldNames().forEachRemaining(key ->
                    assertFalse(SECRET_NAME.matcher(key).matches(), key + " in ConfigMap " + configMap));
        }
        for (JsonNode pod : manifests.podSpecs()) {
            for (JsonNode container : containers(pod)) {
                for (JsonNode env : container.path("env")) {
                    String variable = env.path("name").asText();
                    if (SECRET_NAME.matcher(variable).matches()) {
                        assertTrue(env.path("value").isMissingNode(), variable + " inlined");
                        String secret = env.path("valueFrom").path("secretKeyRef").path("name").asText();
                        String key = env.path("valueFrom").path("secretKeyRef").path("key").asText();
                        assertTrue(SecretExamples.keys(secret).containsKey(key), secret + " documents no " + key);
                    }
                }
                for (JsonNode from : container.path("envFrom")) {
                    if (from.has("secretRef")) {
                        assertFalse(SecretExamples.keys(from.path("secretRef").path("name").asText()).isEmpty());
                    }
                }
            }
        }
    }

    @Test
    void memoryLimitsPerRole() {
        Manifests production = Manifests.kustomize(K8S.resolve("overlays/production"));
        assertMemory(production, "guildflow-gateway", "128Mi", "256Mi");
        assertMemory(production, "guildflow-worker", "256Mi", "512Mi");
    }

    private static void assertMemory(Manifests manifests, String deployment, String request, String limit) {
        JsonNode resources = containers(manifests.named("Deployment", deployment).path("spec").path("template")
                .path("spec")).get(0).path("resources");
        assertEquals(request, resources.path("requests").path("memory").asText(), deployment);
        assertEquals(limit, resources.path("limits").path("memory").asText(), deployment);
    }

    private static List<JsonNode> containers(JsonNode pod) {
        List<JsonNode> all = new ArrayList<>();
        pod.path("initContainers").forEach(all::add);
        pod.path("containers").forEach(all::add);
        return all;
    }

    private static Optional<Integer> javaProcessorCount(JsonNode container) {
        for (JsonNode env : container.path("env")) {
            var matcher = Pattern.compile(".*-XX:ActiveProcessorCount=(\\d+).*").matcher(env.path("value").asText());
            if (env.path("name").asText().equals("JAVA_OPTS") && matcher.matches()) {
                return Optional.of(Integer.parseInt(matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    private static double cpu(String quantity) {
        return quantity.endsWith("m") ? Double.parseDouble(quantity.substring(0, quantity.length() - 1)) / 1000
                : Double.parseDouble(quantity);
    }
}
