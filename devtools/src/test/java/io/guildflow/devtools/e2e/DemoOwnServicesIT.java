package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.e2e.CommandLineIT;
import io.guildflow.app.e2e.CommandLineIT.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: on a machine with only a JDK the README's first command runs the demo, which brings up its own
 * PostgreSQL (embedded) and NATS (a nats-server child) when none runs. This machine runs both, so the tests force
 * that path with {@code --own-services}; the jar gets neither DATABASE_URL nor NATS_URL. Whatever the demo started
 * is gone once it ends, normally and on a signal.
 */
class DemoOwnServicesIT {
    private static final Path JAR = Path.of("target", "guildflow-dev.jar");
    private static final Pattern NATS = Pattern.compile(
            "(?m)^NATS: +child process nats-server -js \\(pid (\\d+)\\) on 127\\.0\\.0\\.1:(\\d+) \\(store in (\\S+)\\)$");
    private static final Pattern POSTGRES = Pattern.compile(
            "(?m)^PostgreSQL: embedded (\\d+\\.\\d+) on 127\\.0\\.0\\.1:(\\d+) \\(data in (\\S+)\\)$");

    @Test
    void theDemoAnswersEverythingOnItsOwnServicesAndRemovesThemAfter() throws Exception {
        Result demo = CommandLineIT.runJar(JAR, Map.of(), "demo", "--own-services", "--interactions", "40", "--rate", "40");

        assertEquals(0, demo.exitCode(), demo.out() + demo.err());
        String summary = demo.out().lines().filter(l -> l.startsWith("summary: ")).findFirst().orElseThrow();
        assertTrue(summary.startsWith("summary: sent 40, answered 40, within 3 s 40, duplicates 0"), summary);
        assertFalse(demo.err().contains("Exception"), demo.err());
        Started started = Started.from(demo.out());
        started.assertGone();
    }

    @Test
    void aSignalWhileItKeepsRunningStillStopsAndRemovesThem() throws Exception {
        Path output = Files.createTempFile("guildflow-demo", ".txt");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "demo", "--own-services", "--interactions", "5", "--keep-running");
        List.of("DATABASE_URL", "NATS_URL", "ENVIRONMENT", "METRICS_ADDRESS", "BOT_MODE").forEach(builder.environment()::remove);
        Process demo = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            String out = awaitLine(demo, output, "still serving");
            Started started = Started.from(out);
            started.assertRunning();

            demo.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C's SIGINT
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo did not stop on SIGTERM:\n" + read(output));
            started.assertGone();
        } finally {
            demo.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    private static String awaitLine(Process process, Path output, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!read(output).contains(line)) {
            assertTrue(process.isAlive(), "the demo ended before \"" + line + "\":\n" + read(output));
            assertTrue(System.nanoTime() < deadline, "no \"" + line + "\" within 120 s:\n" + read(output));
            Thread.sleep(100);
        }
        return read(output);
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** What the demo says it started, from its first lines. */
    private record Started(long natsPid, int natsPort, Path natsStore, int postgresPort, Path postgresData) {
        static Started from(String out) {
            Matcher nats = NATS.matcher(out);
            Matcher postgres = POSTGRES.matcher(out);
            assertTrue(nats.find(), "no nats-server child line in:\n" + out);
            assertTrue(postgres.find(), "no embedded PostgreSQL line in:\n" + out);
            return new Started(Long.parseLong(nats.group(1)), Integer.parseInt(nats.group(2)), Path.of(nats.group(3)),
                    Integer.parseInt(postgres.group(2)), Path.of(postgres.group(3)));
        }

        void assertRunning() {
            assertTrue(ProcessHandle.of(natsPid).map(ProcessHandle::isAlive).orElse(false), "nats-server " + natsPid);
            assertTrue(Files.isDirectory(natsStore), natsStore.toString());
            assertTrue(Files.isDirectory(postgresData), postgresData.toString());
            assertTrue(answers(natsPort), "nats-server on " + natsPort);
            assertTrue(answers(postgresPort), "PostgreSQL on " + postgresPort);
        }

        void assertGone() {
            assertFalse(ProcessHandle.of(natsPid).map(ProcessHandle::isAlive).orElse(false), "nats-server " + natsPid);
            assertFalse(answers(natsPort), "something still answers on the child NATS's port " + natsPort);
            assertFalse(answers(postgresPort), "something still answers on the embedded PostgreSQL's port " + postgresPort);
            assertFalse(Files.exists(natsStore), natsStore + " is left");
            assertFalse(Files.exists(postgresData.getParent()), postgresData.getParent() + " is left");
        }

        private static boolean answers(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
