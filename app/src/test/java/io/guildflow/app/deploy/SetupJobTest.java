package io.guildflow.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/setup-guild.sh: a setup Job for any guild without editing YAML, and the compose variant (compose.yaml's one setup service). */
class SetupJobTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Run(int exitCode, String out, String err) {
    }

    static Run script(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", REPO.resolve("scripts/setup-guild.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static JsonNode job(String guild, String... setupOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("k8s", guild, "--namespace", "guildflow-production",
                "--image", "registry.example.com/guildflow/bot:1.4.2", "--config-map", "guildflow-config-7h2f9", "--print"));
        if (setupOptions.length > 0) {
            args.add("--");
            args.addAll(List.of(setupOptions));
        }
        Run run = script(Map.of(), args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return YAML.readTree(run.out());
    }

    @Test
    void rendersAJobForAnyGuildWithAUniqueNameTtlAndResources() throws Exception {
        JsonNode first = job("123456789012345678", "--channel", "Bot Logs", "--role", "Guildflow");
        JsonNode again = job("123456789012345678");
        JsonNode other = job("876543210987654321", "--dry-run");

        assertEquals("Job", first.path("kind").asText());
        assertEquals("guildflow-production", first.path("metadata").path("namespace").asText());
        String name = first.path("metadata").path("name").asText();
        assertTrue(name.startsWith("guildflow-setup-123456789012345678-") && name.length() <= 63, name);
        assertNotEquals(name, again.path("metadata").path("name").asText(), "the same guild can be set up again");
        assertNotEquals(name, other.path("metadata").path("name").asText());

        JsonNode container = first.path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals(List.of("setup", "123456789012345678", "--channel", "Bot Logs", "--role", "Guildflow"),
                texts(container.path("args")));
        assertEquals(List.of("setup", "876543210987654321", "--dry-run"),
                texts(other.path("spec").path("template").path("spec").path("containers").get(0).path("args")));
        assertEquals("registry.example.com/guildflow/bot:1.4.2", container.path("image").asText());
        assertEquals("guildflow-config-7h2f9", container.path("envFrom").get(0).path("configMapRef").path("name").asText());
        assertEquals(3600, first.path("spec").path("ttlSecondsAfterFinished").asInt());
        assertEquals("384Mi", container.path("resources").path("limits").path("memory").asText());
        assertEquals("100m", container.path("resources").path("requests").path("cpu").asText());
        assertEquals("Never", first.path("spec").path("template").path("spec").path("restartPolicy").asText());
        List<String> secrets = new ArrayList<>();
        container.path("env").forEach(variable -> {
            if (variable.has("valueFrom")) {
                secrets.add(variable.path("name").asText());
            }
        });
        assertEquals(List.of("DISCORD_TOKEN", "DATABASE_URL", "NATS_URL"), secrets);
    }

    @Test
    void aBadGuildIdIsOneLineAndExitTwo() throws Exception {
        Run run = script(Map.of(), "k8s", "my-server", "--print");
        assertEquals(2, run.exitCode());
        assertEquals("setup-guild: <guild-id>=my-server is not valid: expected a Discord guild id (digits only)",
                run.err().strip());
    }

    @Test
    void composeRunGivesSetupTheDatabaseItsOwnNatsUserAndToken() {
        JsonNode setup = ComposeProject.render(Map.of("DISCORD_TOKEN", "x", "NATS_SETUP_PASSWORD", "pSetup1"), "setup")
                .service("setup");
        assertEquals(List.of("entrypoint.sh", "setup"), texts(setup.path("entrypoint")));
        for (String variable : List.of("DATABASE_URL", "NATS_URL", "ENVIRONMENT", "DISCORD_TOKEN")) {
            assertTrue(setup.path("environment").hasNonNull(variable), variable + " in " + setup);
        }
        assertEquals("nats://production-setup:pSetup1@nats:4222", setup.path("environment").path("NATS_URL").asText());
        assertTrue(setup.path("depends_on").has("postgres") && setup.path("depends_on").has("nats"), setup.toString());
    }

    @Test
    void theComposeVariantRunsTheOneSetupServiceOfComposeYaml(@TempDir Path bin) throws Exception {
        Run print = script(Map.of(), "compose", "123", "--print");
        assertEquals(2, print.exitCode(), "--print is for k8s only");

        // a docker that only records how it was called
        Path calls = bin.resolve("calls");
        Path docker = Files.writeString(bin.resolve("docker"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + calls + "\"\n");
        assertTrue(docker.toFile().setExecutable(true));
        Run run = script(Map.of("PATH", bin + ":" + System.getenv("PATH")), "compose", "123", "--", "--dry-run");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("compose", "-f", "compose.yaml", "--profile", "setup", "run", "--rm", "setup", "123",
                "--dry-run"), Files.readAllLines(calls));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
