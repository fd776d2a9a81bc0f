package io.guildflow.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.nats.FirstConnection;
import io.guildflow.testsupport.nats.NatsServerProcess;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy/nats/start.sh, as compose and the development overlay run it, with the real nats-server on
 * a port of the test's own: the users of ENVIRONMENT log in with the passwords they were given, no
 * one gets into another environment's account (its users have passwords nobody knows), and a
 * missing or unusable setting is one line and exit 2 before the server starts.
 */
class NatsStartScriptIT {
    private static final Map<String, String> STAGING = Map.of("ENVIRONMENT", "staging",
            "NATS_CONFIG", NatsSample.DIRECTORY.resolve("nats-server.conf").toString(),
            "NATS_GATEWAY_PASSWORD", "pGateway1", "NATS_WORKER_PASSWORD", "pWorker2", "NATS_SETUP_PASSWORD", "pSetup3");

    @Test
    void onlyTheRunningEnvironmentsUsersGetIn() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.launchScript(NatsSample.DIRECTORY.resolve("start.sh"), STAGING)) {
            for (String role : List.of("gateway", "worker", "setup")) {
                String password = STAGING.get("NATS_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD");
                try (Connection connection = connect(server.url("nats", "staging-" + role + ":" + password))) {
                    assertEquals(Connection.Status.CONNECTED, connection.getStatus(), role);
                }
                assertRefused(server.url("nats", "production-" + role + ":" + password));
                assertRefused(server.url("nats", "development-" + role + ":" + password));
            }
            assertRefused(server.url("nats", "staging-worker:pGateway1"));
            assertRefused(server.url());
            assertFalse(server.log().contains("pWorker2"), "a password in the server's log");
        }
    }

    @Test
    void anEnvironmentWithoutAccountOrAnUnusablePasswordIsOneLineAndExitTwo() throws Exception {
        Map<String, String> unknown = new HashMap<>(STAGING);
        unknown.put("ENVIRONMENT", "qa");
        assertExitTwo(unknown, "nats start.sh: ENVIRONMENT=qa has no account in " + STAGING.get("NATS_CONFIG")
                + " (add one: docs/security.md)");
        Map<String, String> digitFirst = new HashMap<>(STAGING);
        digitFirst.put("NATS_WORKER_PASSWORD", "2secret");
        assertExitTwo(digitFirst, "nats start.sh: NATS_WORKER_PASSWORD is empty or not letters and digits starting"
                + " with a letter (e.g. p$(openssl rand -hex 24))");
        Map<String, String> missing = new HashMap<>(STAGING);
        missing.remove("NATS_SETUP_PASSWORD");
        assertExitTwo(missing, "nats start.sh: NATS_SETUP_PASSWORD is empty or not letters and digits starting"
                + " with a letter (e.g. p$(openssl rand -hex 24))");
    }

    private static void assertExitTwo(Map<String, String> environment, String line) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", NatsSample.DIRECTORY.resolve("start.sh").toString(), "-p",
                Integer.toString(NatsServerProcess.freePort()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "start.sh did not stop");
        assertEquals(2, process.exitValue(), err);
        assertEquals(line, err.strip());
    }

    /** FirstConnection, not Nats.connect: a refused login is reported at once, not after the connection timeout. */
    private static Connection connect(String url) throws Exception {
        return FirstConnection.connect(Options.builder().server(url).connectionTimeout(Duration.ofSeconds(2)).maxReconnects(0)
                .noReconnect().build());
    }

    private static void assertRefused(String url) {
        Exception refused = assertThrows(Exception.class, () -> connect(url).close(), url);
        assertTrue(refused instanceof AuthenticationException || String.valueOf(refused.getMessage())
                .contains("Authorization Violation"), url + ": " + refused);
    }
}
