package io.guildflow.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Kubernetes objects as kubectl renders them: an overlay through kustomize, or a plain manifest file. */
record Manifests(String source, List<JsonNode> objects) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Renders with the real kustomize (kubectl's); a missing kubectl fails the test, it never skips it. */
    static Manifests kustomize(Path directory) {
        List<String> command = List.of(kubectl(), "kustomize", directory.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed: " + err.strip());
            }
            return new Manifests(directory.toString(), parse(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + directory, e);
        }
    }

    /** Objects as some tool printed them (e.g. scripts/setup-guild.sh --print). */
    static Manifests text(String source, String yaml) {
        try {
            return new Manifests(source, parse(yaml));
        } catch (IOException e) {
            throw new AssertionError(source + " printed no valid YAML: " + e.getMessage(), e);
        }
    }

    static Manifests file(Path file) {
        try {
            return new Manifests(file.toString(), parse(Files.readString(file)));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String kubectl() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
        return found.map(Path::toString).orElseThrow(() -> new AssertionError(
                "kubectl is not on PATH: the Kubernetes manifest tests need it (.ci/run installs it)"));
    }

    private static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(yaml)) {
            for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    objects.add(node);
                }
            }
        }
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    JsonNode named(String kind, String name) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(source + " has no " + kind + " " + name));
    }

    /** The generated ConfigMap whose name starts with {@code prefix} (kustomize appends a content hash). */
    JsonNode generatedConfigMap(String prefix) {
        List<JsonNode> matches = ofKind("ConfigMap").stream()
                .filter(o -> o.path("metadata").path("name").asText().startsWith(prefix + "-"))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError(source + " should hold one generated ConfigMap " + prefix + "-<hash>, found "
                    + matches.size());
        }
        return matches.get(0);
    }

    /** Objects that carry a pod template (or are a pod spec holder): Deployment, StatefulSet, Job, CronJob. */
    List<JsonNode> podSpecs() {
        List<JsonNode> specs = new ArrayList<>();
        for (JsonNode object : objects) {
            podSpec(object).ifPresent(specs::add);
        }
        return specs;
    }

    static Optional<JsonNode> podSpec(JsonNode object) {
        return switch (object.path("kind").asText()) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
                    Optional.of(object.path("spec").path("template").path("spec"));
            case "CronJob" -> Optional.of(object.path("spec").path("jobTemplate").path("spec").path("template")
                    .path("spec"));
            case "Pod" -> Optional.of(object.path("spec"));
            default -> Optional.empty();
        };
    }

    static ObjectNode labels(JsonNode metadataHolder) {
        JsonNode labels = metadataHolder.path("metadata").path("labels");
        return labels.isObject() ? (ObjectNode) labels : YAML.createObjectNode();
    }
}
