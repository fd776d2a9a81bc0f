package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.app.e2e.CommandLineIT;
import io.guildflow.app.e2e.CommandLineIT.Result;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `bench` at a low rate: separate processes, both references, gateway events, and the files it promises. No timing asserted: on a
 * loaded machine an interaction may legitimately miss Discord's window, so the counts must add up, not be perfect.
 */
class BenchCommandIT {
    private static final Path JAR = Path.of("target", "guildflow-dev.jar");

    /**
     * One run with both references, {@code --events} over two rounds (runs without and with members' messages
     * alternate) and {@code --outbox} (a last run with signups, each posted through the outbox): the counts add up in
     * every run, every message the floods sent is handled once (the ledger), every signup answered and posted, and
     * the files promised are written.
     */
    @Test
    void countsEveryInteractionAndMessageSentAndWritesResultsAndChart(@TempDir Path out) throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("bench")) {
            Result bench = CommandLineIT.runJar(JAR, environment.settings(), "bench", "--rate", "20",
                    "--duration", "3s", "--warmup", "1s", "--workers", "1", "--events", "2", "--event-rounds", "2",
                    "--outbox", "0.25", "--out", out.toString());
            assertTrue(bench.exitCode() == 0 || bench.exitCode() == 1, "finished: " + bench.out() + bench.err());
            assertTrue(bench.out().contains("guildflow p50 vs floor: "), bench.out());
            assertTrue(bench.out().contains("guildflow p99 vs monolith: "), bench.out());
            assertTrue(bench.out().contains("with the events"), bench.out());

            JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
            for (String run : List.of("guildflow", "guildflow + events", "guildflow, round 2",
                    "guildflow + events, round 2", "guildflow + outbox", "monolith", "floor")) {
                JsonNode counts = results.path("runs").path(run);
                assertEquals(60, counts.path("sent").asInt(), run + ": " + counts);
                int due = 0;
                for (JsonNode second : counts.path("timeline")) {
                    due += second.path("due").asInt();
                }
                assertEquals(60, due, run + ": every interaction sent is in the per-second timeline");
                assertTrue(counts.path("answered").asInt() <= 60, run + ": " + counts);
                assertEquals(0, counts.path("duplicates").asInt(), run + ": " + counts);
                assertEquals(0, counts.path("refused").asInt(), run + ": " + counts);
                assertTrue(counts.path("answerMillis").path("p99").isNumber(), run + ": " + counts);
            }
            for (String process : List.of("gateway", "worker-1")) {
                JsonNode usage = results.path("processes").path("guildflow").path(process);
                assertTrue(usage.path("cpuSeconds").asDouble() > 0, process + ": " + usage);
                assertTrue(usage.path("peakRssMiB").asDouble() > 0, process + ": " + usage);
            }
            JsonNode events = results.path("events");
            assertEquals(2, events.path("rounds").size(), events.toString());
            assertEquals(240, events.path("sent").asInt(), events.toString());
            assertEquals(240, events.path("handled").asInt(), "each message in the ledger once: " + events);
            assertTrue(events.path("interactionP99RatioPooled").isNumber(), events.toString());
            assertTrue(events.path("interactionP99RatioWithEvents").isNumber(), events.toString());
            assertTrue(events.path("lagP99Millis").isNumber(), events.toString());
            // 15 signups over three guilds: five posts per channel, what one channel's bucket takes at once
            JsonNode outbox = results.path("outbox");
            assertEquals(15, outbox.path("sent").asInt(), outbox.toString());
            assertEquals(15, outbox.path("answered").asInt(), outbox.toString());
            assertEquals(15, outbox.path("posted").asInt(), "each signup posted once: " + outbox);
            assertEquals(0, outbox.path("backlog").asInt(), outbox.toString());
            assertTrue(outbox.path("interactionP99RatioWithOutbox").isNumber(), outbox.toString());

            Path chart = out.resolve("chart.png");
            BufferedImage image = ImageIO.read(chart.toFile());
            assertNotNull(image, "chart.png decodes as an image");
            assertTrue(image.getWidth() > 0 && image.getHeight() > 0);
            assertTrue(Files.exists(out.resolve("gateway.log")), "each process's output is kept");
        }
    }

    @Test
    void invalidOptionsExitTwoNamingTheOption() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("bench-invalid")) {
            Result bench = CommandLineIT.runJar(JAR, environment.settings(), "bench", "--events", "-1");
            assertEquals(2, bench.exitCode(), bench.out() + bench.err());
            assertTrue(bench.err().contains("--events"), bench.err());
            Result noRounds = CommandLineIT.runJar(JAR, environment.settings(), "bench", "--events", "2",
                    "--event-rounds", "0");
            assertEquals(2, noRounds.exitCode(), noRounds.out() + noRounds.err());
            assertTrue(noRounds.err().contains("--event-rounds"), noRounds.err());
            Result noGateway = CommandLineIT.runJar(JAR, environment.settings(), "bench", "gateway-crash",
                    "--gateways", "0");
            assertEquals(2, noGateway.exitCode(), noGateway.out() + noGateway.err());
            assertTrue(noGateway.err().contains("--gateways"), noGateway.err());
        }
    }
}
