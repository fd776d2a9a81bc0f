package io.guildflow.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A deploy stops a worker with SIGTERM: it stops pulling, lets go of its events and exits 0. */
class GracefulStopIT {
    private static final Path JAR = Path.of("target", "guildflow.jar");

    @Test
    void sigtermStopsAWorkerGracefullyWithExitCodeZero() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("stop")) {
            Map<String, String> env = new java.util.HashMap<>(environment.settings());
            env.putAll(Map.of("BOT_MODE", "worker", "METRICS_ADDRESS", "127.0.0.1:0", "LOG_LEVEL", "info"));
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
            List.of("BOT_MODE", "DISCORD_TOKEN", "DATABASE_URL", "NATS_URL", "ENVIRONMENT").forEach(builder.environment()::remove);
            builder.environment().putAll(env);
            Path out = Files.createTempFile("guildflow-stop", ".txt");
            Process worker = builder.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(out, StandardCharsets.UTF_8).contains("running in environment")) {
                    assertTrue(worker.isAlive() && System.nanoTime() < deadline,
                            "worker never started:\n" + Files.readString(out, StandardCharsets.UTF_8));
                    Thread.sleep(100);
                }
                worker.destroy(); // SIGTERM
                assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "worker did not stop within 30 s");
                String log = Files.readString(out, StandardCharsets.UTF_8);
                assertEquals(0, worker.exitValue(), log);
                assertTrue(log.contains("stopped"), log);
            } finally {
                worker.destroyForcibly();
                Files.deleteIfExists(out);
            }
        }
    }
}
