package io.guildflow.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image's entrypoint: which JVM flags each role starts with, and that JAVA_OPTS has the last word. */
class EntrypointTest {
    private static final String COMMON = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData"
            + " -Dsun.net.httpserver.nodelay=true";

    @TempDir
    Path bin;

    @Test
    void theGatewayCompilesWithC1Only() throws Exception {
        assertEquals(COMMON + " -XX:TieredStopAtLevel=1 -jar /app/bot.jar run", javaCommandLine("gateway", ""));
    }

    @Test
    void workersAndStandaloneKeepTheDefaultCompilers() throws Exception {
        assertEquals(COMMON + " -jar /app/bot.jar run", javaCommandLine("worker", ""));
        assertEquals(COMMON + " -jar /app/bot.jar run", javaCommandLine("standalone", ""));
    }

    @Test
    void javaOptsComeLastSoTheyOverride() throws Exception {
        assertEquals(COMMON + " -XX:TieredStopAtLevel=1 -XX:TieredStopAtLevel=4 -Xss512k -jar /app/bot.jar run",
                javaCommandLine("gateway", "-XX:TieredStopAtLevel=4 -Xss512k"));
    }

    /** Runs docker/entrypoint.sh with a stand-in {@code java} that prints its arguments. */
    private String javaCommandLine(String mode, String javaOpts) throws IOException, InterruptedException {
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder(List.of("sh",
                RepositoryFiles.root().resolve("docker/entrypoint.sh").toString(), "run")).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("BOT_MODE", mode);
        builder.environment().put("JAVA_OPTS", javaOpts);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), out);
        return out;
    }
}
