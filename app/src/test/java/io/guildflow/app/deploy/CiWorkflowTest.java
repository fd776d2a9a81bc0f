package io.guildflow.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The users' CI workflow cannot run here; this reads it and checks the steps it promises are there. */
class CiWorkflowTest {
    private static JsonNode workflow;
    private static List<JsonNode> steps;

    @BeforeAll
    static void read() throws Exception {
        Path file = RepositoryFiles.root().resolve(".github/workflows/ci.yml");
        workflow = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        steps = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
    }

    private static List<JsonNode> stepsWhere(Predicate<JsonNode> condition) {
        return steps.stream().filter(condition).toList();
    }

    private static boolean uses(JsonNode step, String action) {
        return step.path("uses").asText().startsWith(action + "@");
    }

    @Test
    void runsTheProjectsOwnCiScript() {
        assertFalse(stepsWhere(s -> s.path("run").asText().contains(".ci/run")).isEmpty(), "no step runs .ci/run");
    }

    @Test
    void buildsTheImageForAmd64AndArm64FromTheDockerfile() {
        List<JsonNode> builds = stepsWhere(s -> uses(s, "docker/build-push-action")
                && s.path("with").path("platforms").asText().contains("linux/arm64"));
        assertFalse(builds.isEmpty(), "no multi-platform image build");
        for (JsonNode build : builds) {
            assertTrue(build.path("with").path("platforms").asText().contains("linux/amd64"));
            assertEquals("docker/Dockerfile", build.path("with").path("file").asText());
        }
        assertFalse(stepsWhere(s -> uses(s, "docker/setup-qemu-action")).isEmpty(), "arm64 needs QEMU");
    }

    @Test
    void scansTheImageAndFailsOnSevereFindings() {
        List<JsonNode> scans = stepsWhere(s -> uses(s, "aquasecurity/trivy-action"));
        assertEquals(1, scans.size(), "one Trivy scan");
        JsonNode with = scans.get(0).path("with");
        assertEquals("1", with.path("exit-code").asText(), "the scan must fail the build");
        assertTrue(with.path("severity").asText().contains("CRITICAL"));
        String scanned = with.path("image-ref").asText();
        assertFalse(stepsWhere(s -> s.path("with").path("load").asBoolean()
                && s.path("with").path("tags").asText().equals(scanned)).isEmpty(), "the scanned image is never built");
    }

    @Test
    void publishesOnlyOnVersionTags() {
        assertTrue(workflow.path("on").path("push").path("tags").toString().contains("v*"), "no tag trigger");
        List<JsonNode> pushes = stepsWhere(s -> s.path("with").path("push").asBoolean());
        assertFalse(pushes.isEmpty(), "nothing publishes the image");
        for (JsonNode push : pushes) {
            assertTrue(push.path("if").asText().contains("refs/tags/"), "publishing must be limited to tags: " + push);
        }
        int testsIndex = jobNames().indexOf("test");
        assertTrue(testsIndex >= 0 && workflow.path("jobs").path("image").path("needs").asText().equals("test"),
                "the image job must wait for the tests");
    }

    @Test
    void actionsArePinnedToAVersion() {
        for (JsonNode step : stepsWhere(s -> s.has("uses"))) {
            String ref = step.path("uses").asText();
            assertTrue(ref.matches("[\\w.-]+/[\\w.-]+@(v?\\d[\\w.]*|[0-9a-f]{40})"), "unpinned action: " + ref);
        }
    }

    private static List<String> jobNames() {
        List<String> names = new ArrayList<>();
        workflow.path("jobs").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
