package io.guildflow.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.e2e.CommandLineIT.Result;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DISCORD_TOKEN_FILE and DATABASE_URL_FILE through the packaged jar, as a Docker or Kubernetes secret would mount them. */
class SecretFilesCommandLineIT {
    private static final Path JAR = Path.of("target", "guildflow.jar");

    @TempDir
    Path secrets;

    @Test
    void setupReadsTheBotTokenFromAFile() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("secretsetup");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start()) {
            Path token = Files.writeString(secrets.resolve("discord_token"), emulator.token() + "\n");
            Map<String, String> env = new HashMap<>(environment.settings());
            env.putAll(Map.of("DISCORD_TOKEN_FILE", token.toString(), "DISCORD_API_URL", emulator.apiUrl()));
            Result setup = CommandLineIT.runJar(JAR, env, "setup", emulator.guild(0).id());
            assertEquals(0, setup.exitCode(), setup.out() + setup.err());
            // Discord answers only an authorized bot: the guild was read with the token from the file.
            assertEquals(1, emulator.restCalls("GET", "/guilds/{guild.id}").size());
            assertFalse((setup.out() + setup.err()).contains(emulator.token()), "the token never reaches the output");
        }
    }

    @Test
    void standaloneRunsWithTokenAndDatabaseFromFiles() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("secretfiles");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start()) {
            Path token = Files.writeString(secrets.resolve("discord_token"), emulator.token() + "\n");
            Path database = Files.writeString(secrets.resolve("database_url"), environment.databaseUrl() + "\n");
            Map<String, String> env = new HashMap<>(environment.settings());
            env.remove("DATABASE_URL");
            env.putAll(Map.of("DISCORD_TOKEN_FILE", token.toString(), "DATABASE_URL_FILE", database.toString(),
                    "DISCORD_API_URL", emulator.apiUrl(), "DISCORD_GATEWAY_URL", emulator.gatewayUrl()));
            try (RunningJar jar = RunningJar.start(JAR, env)) {
                // Ready means: the emulator accepted the token (shards connected) and the worker migrated the database.
                jar.awaitReadyStatus(200, Duration.ofSeconds(60));
                assertTrue(environment.count("SELECT count(*) FROM flyway_schema_history") > 0);
                jar.stop();
                assertFalse(jar.stdout().contains(emulator.token()), "the token never reaches a log line");
            }
        }
    }

    @Test
    void aMissingOrDoubledSecretIsOneLineAndExitCodeTwo() throws Exception {
        Path missing = secrets.resolve("not-mounted");
        Result noFile = CommandLineIT.runJar(JAR, Map.of("BOT_MODE", "worker", "DATABASE_URL_FILE", missing.toString()),
                "run");
        assertEquals(2, noFile.exitCode(), noFile.err());
        assertEquals(List.of("guildflow: DATABASE_URL_FILE=" + missing
                + " cannot be read (no such file): expected a readable file holding the secret"), noFile.errLines());

        Path token = Files.writeString(secrets.resolve("discord_token"), "file-s3cret\n");
        Result both = CommandLineIT.runJar(JAR, Map.of("DISCORD_TOKEN", "inline-s3cret",
                "DISCORD_TOKEN_FILE", token.toString()), "setup", "1");
        assertEquals(2, both.exitCode(), both.err());
        assertEquals(List.of("guildflow: DISCORD_TOKEN and DISCORD_TOKEN_FILE are both set: set only one of them"),
                both.errLines());
        assertFalse((both.out() + both.err()).contains("s3cret"));
    }
}
