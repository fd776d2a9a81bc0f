package io.guildflow.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guildflow.common.discord.DiscordSettings;
import io.guildflow.common.nats.NatsServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every secret variable also comes from {@code <NAME>_FILE}, the Docker and Kubernetes secrets convention. */
class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void tokenDatabaseAndNatsUrlComeFromFilesWithTheTrailingNewlineTrimmed() throws Exception {
        EnvironmentValues values = new EnvironmentValues(Map.of(
                "DISCORD_TOKEN_FILE", write("token", "bot-t0ken\n").toString(),
                "DATABASE_URL_FILE", write("db", "postgres://bot:pa55@db:5432/guildflow\r\n").toString(),
                "NATS_URL_FILE", write("nats", "nats://gw:s3cret@nats-1:4222,nats://gw:s3cret@nats-2:4222\n").toString()));
        DiscordSettings discord = DiscordSettings.from(values);
        DatabaseSettings database = DatabaseSettings.from(values).orElseThrow();
        NatsServers nats = NatsServers.from(values);
        assertEquals("bot-t0ken", discord.token().orElseThrow().reveal());
        assertEquals("pa55", database.password().reveal());
        assertEquals("jdbc:postgresql://db:5432/guildflow", database.jdbcUrl());
        assertEquals(List.of("nats://gw:s3cret@nats-1:4222", "nats://gw:s3cret@nats-2:4222"), nats.urls());
        assertEquals("nats://gw:****@nats-1:4222,nats://gw:****@nats-2:4222", nats.describe());
        String shown = discord + " " + database + " " + nats;
        assertFalse(shown.contains("bot-t0ken") || shown.contains("s3cret") || shown.contains("pa55"), shown);
    }

    @Test
    void bothTheVariableAndItsFileIsOneLineNamingBoth() throws Exception {
        ConfigException error = assertThrows(ConfigException.class, () -> DiscordSettings.from(values(Map.of(
                "DISCORD_TOKEN", "inline-s3cret", "DISCORD_TOKEN_FILE", write("token", "file-s3cret").toString()))));
        assertEquals("DISCORD_TOKEN and DISCORD_TOKEN_FILE are both set: set only one of them", error.getMessage());
    }

    @Test
    void aMissingFileNamesTheVariableAndThePath() {
        Path missing = dir.resolve("nowhere");
        ConfigException error = assertThrows(ConfigException.class,
                () -> DatabaseSettings.from(values(Map.of("DATABASE_URL_FILE", missing.toString()))));
        assertEquals("DATABASE_URL_FILE=" + missing + " cannot be read (no such file): expected a readable file"
                + " holding the secret", error.getMessage());
    }

    @Test
    void anUnreadableFileSaysPermissionDenied() throws Exception {
        Path locked = write("locked", "s3cret");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(locked)) {
            // root reads anything; a directory is unreadable as a file for everyone
            locked = Files.createDirectory(dir.resolve("a-directory"));
        }
        Path path = locked;
        ConfigException error = assertThrows(ConfigException.class,
                () -> DiscordSettings.from(values(Map.of("DISCORD_TOKEN_FILE", path.toString()))));
        assertEquals(true, error.getMessage().startsWith("DISCORD_TOKEN_FILE=" + path + " cannot be read ("),
                error.getMessage());
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path empty = write("empty", "\n");
        ConfigException error = assertThrows(ConfigException.class,
                () -> DiscordSettings.from(values(Map.of("DISCORD_TOKEN_FILE", empty.toString()))));
        assertEquals("DISCORD_TOKEN_FILE=" + empty + " is empty: expected a file holding DISCORD_TOKEN", error.getMessage());
    }

    @Test
    void aMalformedValueFromAFileNamesTheFileVariableAndHidesTheContent() throws Exception {
        ConfigException database = assertThrows(ConfigException.class, () -> DatabaseSettings.from(values(
                Map.of("DATABASE_URL_FILE", write("db", "mysql://root:s3cret@db/x").toString()))));
        assertEquals(true, database.getMessage().startsWith("DATABASE_URL_FILE is not valid (value hidden)"),
                database.getMessage());
        ConfigException nats = assertThrows(ConfigException.class, () -> NatsServers.from(values(
                Map.of("NATS_URL_FILE", write("nats", "http://gw:s3cret@nats:4222").toString()))));
        assertEquals(true, nats.getMessage().startsWith("NATS_URL_FILE=http://gw:****@nats:4222 is not valid"),
                nats.getMessage());
    }

    @Test
    void natsUrlsHideTokensAndPasswords() {
        assertEquals("nats://****@nats:4222", NatsServers.redact("nats://s3cr3t-token@nats:4222"));
        assertEquals("tls://gw:****@nats:4222", NatsServers.redact("tls://gw:p@ss@nats:4222"));
        assertEquals("nats://nats:4222", NatsServers.redact("nats://nats:4222"));
        ConfigException error = assertThrows(ConfigException.class,
                () -> NatsServers.from(values(Map.of("NATS_URL", "nats://gw:s3cret@nats:4222/x/y"))));
        assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
    }

    private static EnvironmentValues values(Map<String, String> env) {
        return new EnvironmentValues(env);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
