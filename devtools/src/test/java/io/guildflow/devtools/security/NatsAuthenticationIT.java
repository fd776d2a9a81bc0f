package io.guildflow.devtools.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.e2e.CommandLineIT;
import io.guildflow.app.e2e.CommandLineIT.Result;
import io.guildflow.app.e2e.RunningJar;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.nats.NatsUnavailableException;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.nats.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NATS_CREDS, user/password and token in NATS_URL, against a nats-server of the test's own. */
class NatsAuthenticationIT {
    static final Path APP_JAR = Path.of("..", "app", "target", "guildflow.jar");
    private static final String USERS = """
            authorization {
              users = [
                { user: gateway, password: $GF_TEST_PASSWORD }
                { nkey: $GF_TEST_NKEY }
              ]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void userAndPasswordInTheUrlAndAnNkeyCredentialsFileAreAccepted() throws Exception {
        NKey user = NKey.createUser(null);
        try (NatsServerProcess server = NatsServerProcess.launch(USERS,
                Map.of("GF_TEST_PASSWORD", "pa55-w0rd", "GF_TEST_NKEY", new String(user.getPublicKey())))) {
            assertConnects(Map.of("NATS_URL", server.url("nats", "gateway:pa55-w0rd")));
            assertConnects(Map.of("NATS_URL", server.url(), "NATS_CREDS", Credentials.nkeyOnly(dir, user).toString()));
        }
    }

    @Test
    void anNscCredentialsFileWithAUserJwtIsAcceptedByAServerInOperatorMode() throws Exception {
        NKey operator = NKey.createOperator(null);
        NKey system = NKey.createAccount(null);
        NKey account = NKey.createAccount(null);
        NKey user = NKey.createUser(null);
        String systemId = new String(system.getPublicKey());
        String accountId = new String(account.getPublicKey());
        // JetStream needs a system account in operator mode.
        String configuration = """
                operator: %s
                system_account: %s
                resolver: MEMORY
                resolver_preload: { %s: %s, %s: %s }
                """.formatted(Credentials.operatorJwt(operator), systemId, systemId,
                Credentials.accountJwt(operator, system, false), accountId, Credentials.accountJwt(operator, account, true));
        try (NatsServerProcess server = NatsServerProcess.launch(configuration, Map.of())) {
            Path creds = Credentials.withJwt(dir, user, JwtUtils.issueUserJWT(account, accountId,
                    new String(user.getPublicKey()), "guildflow-test"));
            assertConnects(Map.of("NATS_URL", server.url(), "NATS_CREDS", creds.toString()));
            // Signed by a key the account does not know: what a forged or foreign credentials file looks like.
            NKey strangerUser = NKey.createUser(null);
            Path stranger = Credentials.withJwt(dir, strangerUser, JwtUtils.issueUserJWT(NKey.createAccount(null),
                    accountId, new String(strangerUser.getPublicKey()), "stranger"));
            assertTrue(assertRefused(Map.of("NATS_URL", server.url(), "NATS_CREDS", stranger.toString())).getMessage()
                    .startsWith("NATS at " + server.url() + " refused the credentials (NATS_CREDS=" + stranger + "): "));
        }
    }

    @Test
    void aTokenInTheUrlIsAccepted() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.launch("authorization { token: $GF_TEST_TOKEN }",
                Map.of("GF_TEST_TOKEN", "t0ken-s3cret"))) {
            assertConnects(Map.of("NATS_URL", server.url("nats", "t0ken-s3cret")));
        }
    }

    @Test
    void refusedCredentialsAreOneLineWithoutTheSecret() throws Exception {
        NKey user = NKey.createUser(null);
        try (NatsServerProcess server = NatsServerProcess.launch(USERS,
                Map.of("GF_TEST_PASSWORD", "pa55-w0rd", "GF_TEST_NKEY", new String(user.getPublicKey())))) {
            NatsUnavailableException wrong = assertRefused(Map.of("NATS_URL", server.url("nats", "gateway:wr0ng-s3cret")));
            assertEquals("NATS at nats://gateway:****@127.0.0.1:" + server.port()
                    + " refused the credentials (the user and password in NATS_URL): Authorization Violation",
                    wrong.getMessage());
            NatsUnavailableException none = assertRefused(Map.of("NATS_URL", server.url()));
            assertEquals("NATS at " + server.url() + " refused the connection: it requires credentials"
                    + " (set NATS_CREDS, or user:password@ or token@ in NATS_URL): Authorization Violation",
                    none.getMessage());
            Path stranger = Credentials.nkeyOnly(dir, NKey.createUser(null));
            NatsUnavailableException unknown = assertRefused(Map.of("NATS_URL", server.url(), "NATS_CREDS",
                    stranger.toString()));
            assertEquals("NATS at " + server.url() + " refused the credentials (NATS_CREDS=" + stranger
                    + "): Authorization Violation", unknown.getMessage());
        }
    }

    @Test
    void theJarStopsWithOneLineAndExitCodeThreeWhenNatsRefusesItsCredentials() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.launch(USERS,
                Map.of("GF_TEST_PASSWORD", "pa55-w0rd", "GF_TEST_NKEY", new String(NKey.createUser(null).getPublicKey())))) {
            Result result = CommandLineIT.runJar(APP_JAR, Map.of("BOT_MODE", "worker",
                    "DATABASE_URL", "postgres://nobody@127.0.0.1:1/none", "NATS_URL", server.url("nats", "gateway:wr0ng-s3cret"),
                    "METRICS_ADDRESS", "127.0.0.1:0"), "run");
            assertEquals(3, result.exitCode(), result.err());
            assertEquals(List.of("guildflow: NATS at nats://gateway:****@127.0.0.1:" + server.port()
                    + " refused the credentials (the user and password in NATS_URL): Authorization Violation"),
                    result.errLines());
            assertFalse((result.out() + result.err()).contains("s3cret"), result.out());
        }
    }

    @Test
    void credentialsRevokedWhileRunningTurnReadyTo503() throws Exception {
        Map<String, String> serverEnv = Map.of("GF_TEST_PASSWORD", "pa55-w0rd",
                "GF_TEST_NKEY", new String(NKey.createUser(null).getPublicKey()));
        try (NatsServerProcess server = NatsServerProcess.launch(USERS, serverEnv);
             IsolatedEnvironment environment = new IsolatedEnvironment("revoked")) {
            Map<String, String> env = new HashMap<>(environment.settings());
            env.putAll(Map.of("BOT_MODE", "worker", "NATS_URL", server.url("nats", "gateway:pa55-w0rd")));
            try (RunningJar worker = RunningJar.start(APP_JAR, env)) {
                worker.awaitReadyStatus(200, Duration.ofSeconds(60));
                // The operator removes the password user: the server closes its connection and refuses the reconnects.
                server.reload(USERS.replace("{ user: gateway, password: $GF_TEST_PASSWORD }\n", ""));
                worker.awaitReadyStatus(503, Duration.ofSeconds(30));
                assertFalse((worker.stdout() + worker.stderr()).contains("pa55-w0rd"));
            }
        }
    }

    private static void assertConnects(Map<String, String> env) throws Exception {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(env);
        try (Connection connection = NatsConnections.connect(config.nats().servers(), "auth-test")) {
            assertEquals(Connection.Status.CONNECTED, connection.getStatus());
            connection.publish("gf.test.ping", new byte[0]);
            connection.flush(java.time.Duration.ofSeconds(2));
        }
    }

    private static NatsUnavailableException assertRefused(Map<String, String> env) {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(env);
        NatsUnavailableException error = assertThrows(NatsUnavailableException.class,
                () -> NatsConnections.connect(config.nats().servers(), "auth-test").close());
        assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
        return error;
    }
}
