package io.guildflow.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * compose.yaml as {@code docker compose config} resolves it (profiles, variables, YAML merges): what
 * the engine would run. Only the given variables reach compose: never the test machine's or a .env.
 */
record ComposeProject(JsonNode config) {
    static final Path FILE = RepositoryFiles.root().resolve("compose.yaml");

    static ComposeProject render(Map<String, String> variables, String... profiles) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "--env-file", "/dev/null",
                "-f", FILE.toString()));
        for (String profile : profiles) {
            command.addAll(List.of("--profile", profile));
        }
        command.addAll(List.of("config", "--format", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(RepositoryFiles.root().toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME") && !name.startsWith("DOCKER_"));
        environment.putAll(variables);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                String hint = err.contains("unknown flag") || err.contains("is not a docker command")
                        ? " (Compose v2 is missing: scripts/install-compose.sh installs it)" : "";
                throw new AssertionError(String.join(" ", command) + " failed" + hint + ": " + err.strip());
            }
            return new ComposeProject(new ObjectMapper().readTree(out));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + " (the compose tests need docker compose: scripts/install-compose.sh installs it): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering compose.yaml", e);
        }
    }

    JsonNode service(String name) {
        JsonNode service = config.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("compose.yaml has no service " + name + " (with these profiles)");
        }
        return service;
    }

    Map<String, String> environment(String service) {
        Map<String, String> variables = new LinkedHashMap<>();
        service(service).path("environment").fields()
                .forEachRemaining(entry -> variables.put(entry.getKey(), entry.getValue().asText("")));
        return variables;
    }

    /** The files and folders of the repository mounted into {@code service}: target → bind. */
    Map<String, JsonNode> binds(String service) {
        Map<String, JsonNode> binds = new LinkedHashMap<>();
        for (JsonNode volume : service(service).path("volumes")) {
            if (volume.path("type").asText().equals("bind")) {
                binds.put(volume.path("target").asText(), volume);
            }
        }
        return binds;
    }

    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        config.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
