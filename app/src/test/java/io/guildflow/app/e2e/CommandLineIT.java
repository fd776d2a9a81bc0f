package io.guildflow.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run the way a person or an orchestrator runs it. */
public class CommandLineIT {
    private static final Path JAR = Path.of("target", "guildflow.jar");

    public record Result(int exitCode, String out, String err) {
        public List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runJar(JAR, env, args);
    }

    /** Runs a packaged jar (also the dev jar's tests) without the caller's Guildflow settings. */
    public static Result runJar(Path jar, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        assertTrue(Files.exists(jar), "package first: " + jar.toAbsolutePath());
        return launch(env, List.of("-jar", jar.toString()), args);
    }

    /** Like a bot's own jar: the runtime plus more classes on the class path. */
    static Result runMain(Map<String, String> env, String classPath, String... args)
            throws IOException, InterruptedException {
        assertTrue(Files.exists(JAR), "package the app first: " + JAR.toAbsolutePath());
        return launch(env, List.of("-cp", classPath, "io.guildflow.app.Main"), args);
    }

    private static Result launch(Map<String, String> env, List<String> javaArgs, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaArgs);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> processEnv = builder.environment();
        List.of("BOT_MODE", "DISCORD_TOKEN", "DATABASE_URL", "NATS_URL", "ENVIRONMENT", "METRICS_ADDRESS", "BOT_VERSION")
                .forEach(processEnv::remove);
        processEnv.putAll(env);
        Path out = Files.createTempFile("guildflow-out", ".txt");
        Path err = Files.createTempFile("guildflow-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("guildflow " + String.join(" ", args) + " did not finish in 120 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    @Test
    void helpListsRunAndSetupOnly() throws Exception {
        Result help = run(Map.of(), "--help");
        assertEquals(0, help.exitCode(), help.err());
        for (String command : List.of("run", "setup")) {
            assertTrue(help.out().contains("  " + command + " "), command + " missing from:\n" + help.out());
        }
        for (String developmentOnly : List.of("demo", "bench", "emulator")) {
            assertFalse(help.out().contains("  " + developmentOnly + " "), developmentOnly + " is in guildflow-dev.jar");
        }
    }

    @Test
    void versionNamesTheBotsVersionAndTheRuntimes() throws Exception {
        Result fromManifest = run(Map.of(), "--version");
        assertEquals(0, fromManifest.exitCode(), fromManifest.err());
        List<String> lines = fromManifest.out().lines().toList();
        assertEquals(2, lines.size(), fromManifest.out());
        String runtime = lines.get(1).replace("guildflow runtime ", "");
        assertTrue(runtime.matches("\\d+\\.\\d+\\.\\d+.*"), fromManifest.out());
        // this jar's manifest carries the project's version, the bot's unless BOT_VERSION says otherwise
        assertEquals("bot " + runtime + " (the jar's Implementation-Version)", lines.get(0));
        Result configured = run(Map.of("BOT_VERSION", "2.3.4"), "--version");
        assertEquals(List.of("bot 2.3.4 (BOT_VERSION)", "guildflow runtime " + runtime), configured.out().lines().toList());
    }

    @Test
    void twoHandlersForOneNameOrAnInvalidPrefixStopStartUpWithOneLine(@TempDir Path extra) throws Exception {
        Path services = Files.createDirectories(extra.resolve("META-INF/services"));
        Path listing = services.resolve("io.guildflow.api.InteractionHandler");
        Map<String, String> env = Map.of("BOT_MODE", "worker", "DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");
        String classPath = JAR + File.pathSeparator + Path.of("target", "test-classes") + File.pathSeparator + extra;

        Files.writeString(listing, BadHandlers.PingA.class.getName() + "\n" + BadHandlers.PingB.class.getName() + "\n");
        Result twice = runMain(env, classPath, "run");
        assertEquals(2, twice.exitCode(), twice.err());
        assertEquals(List.of("guildflow: two handlers for /ping: " + BadHandlers.PingA.class.getName() + " and "
                + BadHandlers.PingB.class.getName()), twice.errLines());

        Files.writeString(listing, BadHandlers.BadPrefix.class.getName() + "\n");
        Result invalid = runMain(env, classPath, "run");
        assertEquals(2, invalid.exitCode(), invalid.err());
        assertEquals(1, invalid.errLines().size(), invalid.err());
        assertTrue(invalid.errLines().get(0).contains("component prefix 'vote:up' is invalid"), invalid.err());
    }

    @Test
    void badConfigurationStopsWithExitCodeTwoAndOneLine() throws Exception {
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("BOT_MODE", "banana"), "guildflow: BOT_MODE=banana is not valid: expected one of standalone, gateway, worker",
                Map.of("BOT_MODE", "gateway"), "guildflow: DISCORD_TOKEN is not set: expected the bot token",
                Map.of("BOT_MODE", "worker", "DATABASE_URL", "nonsense"), "guildflow: DATABASE_URL is not valid (value hidden)",
                Map.of("BOT_MODE", "worker", "DATABASE_URL", "postgres://bot@db/bot", "DATABASE_SCHEMA", "Bot-One"),
                "guildflow: DATABASE_SCHEMA=Bot-One is not valid: expected a lower-case PostgreSQL name");
        for (Map.Entry<Map<String, String>, String> example : cases.entrySet()) {
            Result result = run(example.getKey());
            assertEquals(2, result.exitCode(), example.getKey() + " → " + result.err());
            assertEquals(1, result.errLines().size(), "one line for " + example.getKey() + ":\n" + result.err());
            assertTrue(result.errLines().get(0).startsWith(example.getValue()), result.err());
        }
    }

    @Test
    void aWorkerStopsWithExitCodeThreeAndTheRealCauseWhenPostgresIsUnusable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, String> lines = Map.of(
                "postgres://postgres:s3cret@127.0.0.1:" + closed + "/guildflow", "guildflow: PostgreSQL at postgresql://"
                        + "127.0.0.1:" + closed + "/guildflow refused the connection: nothing listens on that host and port",
                "postgres://postgres:s3cret@127.0.0.1:5432/guildflow_no_such_db", "guildflow: PostgreSQL at postgresql://"
                        + "127.0.0.1:5432/guildflow_no_such_db has no such database (DATABASE_URL): create it",
                "postgres://guildflow_no_such_role:s3cret@127.0.0.1:5432/test", "guildflow: PostgreSQL at postgresql://"
                        + "127.0.0.1:5432/test refused the credentials (DATABASE_URL user and password");
        for (Map.Entry<String, String> example : lines.entrySet()) {
            Result result = run(Map.of("BOT_MODE", "worker", "DATABASE_URL", example.getKey(), "DB_CONNECT_TIMEOUT", "2s",
                    "NATS_URL", IsolatedEnvironment.NATS_URL, "METRICS_ADDRESS", "127.0.0.1:0", "LOG_LEVEL", "error"));
            assertEquals(3, result.exitCode(), result.err());
            assertEquals(1, result.errLines().size(), result.err());
            assertTrue(result.errLines().get(0).startsWith(example.getValue()), result.err());
            assertFalse(result.out().contains("s3cret") || result.err().contains("s3cret"), "never the password");
        }
    }

    @Test
    void moreStreamReplicasThanNatsServersStopStartUpWithOneLine() throws Exception {
        // The test NATS is one server: JetStream cannot place three copies, as on a cluster that is too small.
        try (IsolatedEnvironment environment = new IsolatedEnvironment("replicas");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start()) {
            Map<String, String> env = new java.util.HashMap<>(environment.settings());
            env.putAll(Map.of("BOT_MODE", "gateway", "DISCORD_TOKEN", emulator.token(), "STREAM_REPLICAS", "3",
                    "DISCORD_API_URL", emulator.apiUrl(), "DISCORD_GATEWAY_URL", emulator.gatewayUrl(),
                    "METRICS_ADDRESS", "127.0.0.1:0", "LOG_LEVEL", "error"));
            Result result = run(env);
            assertEquals(3, result.exitCode(), "JetStream refuses: a dependency's answer\n" + result.err());
            assertEquals(1, result.errLines().size(), result.err());
            assertTrue(result.errLines().get(0).startsWith("guildflow: cannot create or update JetStream stream "
                    + environment.topology().streamName() + " (STREAM_REPLICAS=3): "), result.err());
        }
    }

    @Test
    void gatewayWithARefusedTokenStopsWithOneLine() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("token");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start()) {
            Map<String, String> env = new java.util.HashMap<>(environment.settings());
            env.putAll(Map.of("BOT_MODE", "gateway", "DISCORD_TOKEN", "not-the-bots-token",
                    "DISCORD_API_URL", emulator.apiUrl(), "DISCORD_GATEWAY_URL", emulator.gatewayUrl(),
                    "METRICS_ADDRESS", "127.0.0.1:0", "LOG_LEVEL", "error"));
            Result result = run(env);
            assertEquals(3, result.exitCode(), "Discord refuses: a dependency's answer\n" + result.err());
            assertEquals(List.of("guildflow: Discord at " + emulator.apiUrl() + " refused the bot token: check DISCORD_TOKEN"),
                    result.errLines());
            assertFalse(result.out().contains("not-the-bots-token"), "the token never reaches a log line");
        }
    }
}
