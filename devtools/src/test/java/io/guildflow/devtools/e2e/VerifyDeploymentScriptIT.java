package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** scripts/verify-deployment.sh against a real gateway and two real workers, then with one worker stopped. */
class VerifyDeploymentScriptIT {
    private static final Path SCRIPT = Path.of("..", "scripts", "verify-deployment.sh");

    record Outcome(int exitCode, String output) {
    }

    @Test
    void passesWhileEveryProcessServesAndNamesTheStoppedWorker() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("verify");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).build().start()) {
            Map<String, String> api = Map.of("DISCORD_API_URL", emulator.apiUrl());
            Map<String, String> discord = EmulatorSettings.of(emulator);
            try (JarProcess worker1 = JarProcess.run(role(environment, "worker", api));
                 JarProcess worker2 = JarProcess.run(role(environment, "worker", api));
                 JarProcess gateway = JarProcess.run(role(environment, "gateway", discord))) {
                Map<String, JarProcess> processes = new LinkedHashMap<>();
                processes.put("gateway", gateway);
                processes.put("worker-1", worker1);
                processes.put("worker-2", worker2);
                for (JarProcess process : processes.values()) {
                    process.awaitReady(Duration.ofSeconds(90));
                }
                Outcome healthy = verify(processes);
                assertEquals(0, healthy.exitCode(), healthy.output());
                assertTrue(healthy.output().contains("all 3 processes healthy and ready"), healthy.output());

                worker2.terminate();
                assertTrue(worker2.awaitExit(Duration.ofSeconds(30)).isPresent(), "worker-2 did not stop");
                Outcome broken = verify(processes);
                assertEquals(1, broken.exitCode(), broken.output());
                assertTrue(broken.output().contains("FAIL worker-2 (" + worker2.healthUrl() + ")"), broken.output());
                assertTrue(broken.output().contains("1 of 3 processes not serving: worker-2"), broken.output());
                assertFalse(broken.output().contains("FAIL worker-1"), broken.output());
                assertFalse(broken.output().contains("FAIL gateway"), broken.output());
            }
        }
    }

    private static Map<String, String> role(IsolatedEnvironment environment, String mode, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(environment.settings());
        env.put("BOT_MODE", mode);
        env.putAll(extra);
        return env;
    }

    private static Outcome verify(Map<String, JarProcess> processes) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        processes.forEach((name, process) -> command.add(name + "=" + process.healthUrl()));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "verify-deployment.sh did not finish");
        return new Outcome(run.exitValue(), output);
    }
}
