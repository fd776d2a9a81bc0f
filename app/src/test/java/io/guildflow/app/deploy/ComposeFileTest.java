package io.guildflow.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * compose.yaml as the engine would run it: NATS on the sample configuration with every role on its
 * own user, no secret written into the file, and the observability profile mounting the
 * repository's Prometheus and Grafana files and scraping every gateway and worker. The profile's
 * images cannot be pulled here, so this is where it is checked (scripts/compose-smoke.sh runs the rest).
 */
class ComposeFileTest {
    private static final Path REPO = RepositoryFiles.root();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> PASSWORDS = Map.of("NATS_GATEWAY_PASSWORD", "pGateway1",
            "NATS_WORKER_PASSWORD", "pWorker2", "NATS_SETUP_PASSWORD", "pSetup3");
    private static final List<String> ROLES = List.of("gateway", "worker", "setup");
    private static final Pattern SECRET = Pattern.compile(".*(TOKEN|PASSWORD|SECRET|CREDS).*");

    @Test
    void natsRunsTheSampleConfigurationOnEveryNode() {
        ComposeProject compose = ComposeProject.render(PASSWORDS, "nats-cluster");
        for (String nats : List.of("nats", "nats-1", "nats-2", "nats-3")) {
            JsonNode service = compose.service(nats);
            Map<String, JsonNode> binds = compose.binds(nats);
            assertMountedReadOnly(binds, "/etc/nats/nats-server.conf", "deploy/nats/nats-server.conf", nats);
            assertMountedReadOnly(binds, "/etc/nats/start.sh", "deploy/nats/start.sh", nats);
            assertEquals(List.of("/bin/sh", "/etc/nats/start.sh"), texts(service.path("entrypoint")), nats);
            List<String> command = texts(service.path("command"));
            assertEquals("8222", command.get(command.indexOf("-m") + 1), nats + " monitoring port");
            assertTrue(texts(service.path("healthcheck").path("test")).toString().contains("/healthz"), nats);
            Map<String, String> environment = compose.environment(nats);
            assertEquals("production", environment.get("ENVIRONMENT"), nats);
            PASSWORDS.forEach((name, value) -> assertEquals(value, environment.get(name), nats + " " + name));
        }
    }

    @Test
    void eachRoleConnectsAsItsOwnUserOfTheSample() {
        Map<String, String> variables = new HashMap<>(PASSWORDS);
        variables.put("ENVIRONMENT", "staging");
        ComposeProject compose = ComposeProject.render(variables, "setup");
        String sample = NatsSample.text();
        assertEquals("staging", compose.environment("nats").get("ENVIRONMENT"), "NATS opens the account of ENVIRONMENT");
        for (String role : ROLES) {
            String password = PASSWORDS.get("NATS_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD");
            assertEquals("nats://staging-" + role + ":" + password + "@nats:4222",
                    compose.environment(role).get("NATS_URL"), role);
            assertTrue(sample.contains("{ user: staging-" + role + ", password: $GF_STAGING_"
                    + role.toUpperCase(Locale.ROOT) + "_PASSWORD"), "the sample has no user staging-" + role);
        }
    }

    @Test
    void everyRoleGetsTheDiscordSettingsItUses() {
        Map<String, String> variables = new HashMap<>(PASSWORDS);
        variables.putAll(Map.of("DISCORD_TOKEN", "t0ken", "DISCORD_GUILD_ID", "123", "DISCORD_APPLICATION_ID", "456"));
        ComposeProject compose = ComposeProject.render(variables, "setup");
        // workers too: the outbox posts and edits channel messages as the bot
        for (String role : ROLES) {
            assertEquals("t0ken", compose.environment(role).get("DISCORD_TOKEN"), role);
        }
        // setup without a guild argument sets up DISCORD_GUILD_ID; both register commands for the application
        for (String role : List.of("gateway", "setup")) {
            assertEquals("123", compose.environment(role).get("DISCORD_GUILD_ID"), role);
            assertEquals("456", compose.environment(role).get("DISCORD_APPLICATION_ID"), role);
        }
    }

    @Test
    void theGatewayGetsMoreCpuSharesThanAWorker() {
        ComposeProject compose = ComposeProject.render(PASSWORDS);
        assertTrue(compose.service("gateway").path("cpu_shares").asInt(1024)
                > compose.service("worker").path("cpu_shares").asInt(1024), "the gateway has 3 s to acknowledge");
    }

    @Test
    void twoGatewaysHoldTheShardsUnlessTheOperatorSaysOtherwise() {
        assertEquals(2, ComposeProject.render(PASSWORDS).service("gateway").path("deploy").path("replicas").asInt(),
                "a crashed gateway loses nothing while the other holds the shards");
        Map<String, String> one = new HashMap<>(PASSWORDS);
        one.put("GATEWAY_REPLICAS", "1");
        assertEquals(1, ComposeProject.render(one).service("gateway").path("deploy").path("replicas").asInt());
    }

    @Test
    void noSecretIsWrittenIntoComposeYaml() {
        // Without .env nothing secret may have a value: every one must come from the user's .env.
        ComposeProject compose = ComposeProject.render(Map.of(), "setup", "observability", "nats-cluster");
        for (String service : compose.serviceNames()) {
            compose.environment(service).forEach((name, value) -> {
                if (SECRET.matcher(name).matches()) {
                    assertEquals("", value, service + " " + name + " has a value written into compose.yaml");
                }
                if (name.equals("NATS_URL") || name.equals("DATABASE_URL")) {
                    assertTrue(value.matches("[a-z]+://[^:@/]+:@.+"), service + " " + name + " carries a password: "
                            + value);
                }
            });
        }
    }

    @Test
    void envExampleDocumentsEverySecretComposeReads() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(REPO.resolve(".env.example"))) {
            if (line.matches("[A-Z_]+=.*")) {
                documented.add(line.substring(0, line.indexOf('=')));
            }
        }
        Matcher variable = Pattern.compile("\\$\\{([A-Z_]+)").matcher(Files.readString(ComposeProject.FILE));
        List<String> missing = new ArrayList<>();
        while (variable.find()) {
            String name = variable.group(1);
            if ((SECRET.matcher(name).matches() || name.startsWith("NATS_")) && !documented.contains(name)) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), ".env.example does not document " + missing);
    }

    @Test
    void observabilityMountsTheRepositoryFiles() throws IOException {
        ComposeProject compose = ComposeProject.render(Map.of(), "observability");
        JsonNode prometheusConfig = YAML.readTree(REPO.resolve("observability/prometheus/prometheus.yml").toFile());
        Map<String, JsonNode> prometheus = compose.binds("prometheus");
        assertMountedReadOnly(prometheus, "/etc/prometheus/prometheus.yml", "observability/prometheus/prometheus.yml",
                "prometheus");
        for (JsonNode rules : prometheusConfig.path("rule_files")) {
            assertMountedReadOnly(prometheus, rules.asText(), "observability/prometheus/alerts.yml", "prometheus");
        }
        assertFalse(prometheusConfig.path("rule_files").isEmpty(), "prometheus.yml loads no alert rules");

        Map<String, JsonNode> grafana = compose.binds("grafana");
        assertMountedReadOnly(grafana, "/etc/grafana/provisioning/datasources",
                "observability/grafana/provisioning/datasources", "grafana");
        assertMountedReadOnly(grafana, "/etc/grafana/provisioning/dashboards",
                "observability/grafana/provisioning/dashboards", "grafana");
        JsonNode provider = YAML.readTree(REPO.resolve("observability/grafana/provisioning/dashboards/guildflow.yml")
                .toFile()).path("providers").get(0);
        assertMountedReadOnly(grafana, provider.path("options").path("path").asText() + "/guildflow.json",
                "observability/grafana/guildflow.json", "grafana");
        JsonNode datasource = YAML.readTree(REPO.resolve("observability/grafana/provisioning/datasources/prometheus.yml")
                .toFile()).path("datasources").get(0);
        assertEquals("http://prometheus:9090", datasource.path("url").asText(), "Grafana's Prometheus is compose's");
        for (String service : List.of("prometheus", "grafana")) {
            String image = compose.service(service).path("image").asText();
            assertTrue(image.matches(".+:v?\\d+\\.\\d+\\.\\d+"), service + " image not pinned: " + image);
        }
    }

    @Test
    void prometheusScrapesEveryGatewayAndWorker() throws IOException {
        ComposeProject compose = ComposeProject.render(Map.of(), "observability");
        JsonNode scrapeConfigs = YAML.readTree(REPO.resolve("observability/prometheus/prometheus.yml").toFile())
                .path("scrape_configs");
        List<String> processes = new ArrayList<>();
        for (String service : compose.serviceNames()) {
            String mode = compose.environment(service).getOrDefault("BOT_MODE", "");
            if (mode.equals("gateway") || mode.equals("worker")) {
                processes.add(service);
                String address = compose.environment(service).get("METRICS_ADDRESS");
                String port = address.substring(address.lastIndexOf(':') + 1);
                assertTrue(discovers(scrapeConfigs, service, port), "Prometheus does not scrape every " + service
                        + " on port " + port + " (dns_sd_configs, one A record per container): " + scrapeConfigs);
            }
        }
        assertEquals(List.of("gateway", "worker"), processes, "the processes compose runs");
    }

    /** A DNS discovery of {@code service} on {@code port}: every container of it, not just one. */
    private static boolean discovers(JsonNode scrapeConfigs, String service, String port) {
        for (JsonNode job : scrapeConfigs) {
            for (JsonNode discovery : job.path("dns_sd_configs")) {
                if (texts(discovery.path("names")).contains(service) && discovery.path("port").asText().equals(port)
                        && job.path("metrics_path").asText("/metrics").equals("/metrics")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void assertMountedReadOnly(Map<String, JsonNode> binds, String target, String repositoryPath,
                                              String service) {
        JsonNode bind = binds.get(target);
        assertTrue(bind != null, service + " does not mount " + target + "; mounts: " + binds.keySet());
        Path source = REPO.resolve(repositoryPath);
        assertEquals(source.toString(), bind.path("source").asText(), service + " " + target);
        assertTrue(Files.exists(source), repositoryPath + " is not in the repository");
        assertTrue(bind.path("read_only").asBoolean(), service + " mounts " + target + " writable");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
