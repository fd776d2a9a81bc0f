package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.e2e.CommandLineIT;
import io.guildflow.app.e2e.CommandLineIT.Result;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged development jar, run the way a person tries Guildflow. */
class DevCommandLineIT {
    private static final Path JAR = Path.of("target", "guildflow-dev.jar");

    @Test
    void helpListsTheDevelopmentCommands() throws Exception {
        Result help = CommandLineIT.runJar(JAR, Map.of(), "--help");
        assertEquals(0, help.exitCode(), help.err());
        for (String command : List.of("demo", "bench", "emulator")) {
            assertTrue(help.out().contains("  " + command + " "), command + " missing from:\n" + help.out());
        }
    }

    @Test
    void demoSaysWhichDependencyIsMissingAndWhere() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Result result = CommandLineIT.runJar(JAR, Map.of("NATS_URL", "nats://127.0.0.1:" + closedPort), "demo");
        assertEquals(3, result.exitCode(), result.err());
        assertEquals(1, result.errLines().size(), result.err());
        String line = result.errLines().get(0);
        assertTrue(line.startsWith("guildflow: NATS is not reachable at nats://127.0.0.1:" + closedPort + " (NATS_URL)"),
                result.err());
        assertTrue(line.contains("nats-server -js"), line);

        Result noDatabase = CommandLineIT.runJar(JAR, Map.of("NATS_URL", IsolatedEnvironment.NATS_URL,
                "DATABASE_URL", "postgres://postgres:s3cret@127.0.0.1:" + closedPort + "/guildflow"), "demo");
        assertEquals(3, noDatabase.exitCode(), noDatabase.err());
        assertEquals(1, noDatabase.errLines().size(), noDatabase.err());
        String databaseLine = noDatabase.errLines().get(0);
        assertTrue(databaseLine.startsWith("guildflow: PostgreSQL is not reachable at postgresql://127.0.0.1:"
                + closedPort + "/guildflow (DATABASE_URL)"), databaseLine);
        assertFalse(databaseLine.contains("s3cret"), databaseLine);
    }

    @Test
    void demoAnswersEveryInteractionAndExitsZero() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("demo")) {
            Map<String, String> env = new java.util.HashMap<>(environment.settings());
            Result demo = CommandLineIT.runJar(JAR, env, "demo", "--interactions", "60", "--rate", "60");
            assertEquals(0, demo.exitCode(), demo.out() + demo.err());
            String summary = demo.out().lines().filter(l -> l.startsWith("summary: ")).findFirst().orElseThrow();
            assertTrue(summary.startsWith("summary: sent 60, answered 60, within 3 s 60, duplicates 0"), summary);
            assertEquals(60, demo.out().lines().filter(l -> l.contains("pong (gateway → worker")).count(), demo.out());
            assertFalse(demo.err().contains("Exception"), demo.err());
            assertEquals(60, environment.count("SELECT count(*) FROM handled_interactions"));
        }
    }
}
