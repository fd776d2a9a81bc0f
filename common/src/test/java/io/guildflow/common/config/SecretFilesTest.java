package io.guildflow.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        GuildflowConfig config = GuildflowConfig.fromEnvironment(Map.of(
                "DISCORD_TOKEN_FILE", write("token", "bot-t0ken\n").toString(),
                "DATABASE_URL_FILE", write("db", "postgres://bot:pa55@db:5432/guildflow\r\n").toString(),
                "NATS_URL_FILE", write("nats", "nats://gw:s3cret@nats-1:4222,nats://gw:s3cret@nats-2:4222\n").toString()));
        assertEquals("bot-t0ken", config.requireDiscordToken().reveal());
        assertEquals("pa55", config.requireDatabase().password().reveal());
        assertEquals("jdbc:postgresql://db:5432/guildflow", config.requireDatabase().jdbcUrl());
        assertEquals(List.of("nats://gw:s3cret@nats-1:4222", "nats://gw:s3cret@nats-2:4222"), config.natsUrls());
        assertEquals("nats://gw:****@nats-1:4222,nats://gw:****@nats-2:4222", config.nats().describe());
        assertFalse(config.toString().contains("s3cret") || config.toString().contains("pa55"), config.toString());
    }

    @Test
    void bothTheVariableAndItsFileIsOneLineNamingBoth() throws Exception {
        ConfigException error = assertThrows(ConfigException.class, () -> GuildflowConfig.fromEnvironment(Map.of(
                "DISCORD_TOKEN", "inline-s3cret", "DISCORD_TOKEN_FILE", write("token", "file-s3cret").toString())));
        assertEquals("DISCORD_TOKEN and DISCORD_TOKEN_FILE are both set: set only one of them", error.getMessage());
    }

    @Test
    void aMissingFileNamesTheVariableAndThePath() {
        Path missing = dir.resolve("nowhere");
        ConfigException error = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("DATABASE_URL_FILE", missing.toString())));
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
                () -> GuildflowConfig.fromEnvironment(Map.of("DISCORD_TOKEN_FILE", path.toString())));
        assertEquals(true, error.getMessage().startsWith("DISCORD_TOKEN_FILE=" + path + " cannot be read ("),
                error.getMessage());
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path empty = write("empty", "\n");
        ConfigException error = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("DISCORD_TOKEN_FILE", empty.toString())));
        assertEquals("DISCORD_TOKEN_FILE=" + empty + " is empty: expected a file holding DISCORD_TOKEN", error.getMessage());
    }

    @Test
    void aMalformedValueFromAFileNamesTheFileVariableAndHidesTheContent() throws Exception {
        ConfigException database = assertThrows(ConfigException.class, () -> GuildflowConfig.fromEnvironment(
                Map.of("DATABASE_URL_FILE", write("db", "mysql://root:s3cret@db/x").toString())));
        assertEquals(true, database.getMessage().startsWith("DATABASE_URL_FILE is not valid (value hidden)"),
                database.getMessage());
        ConfigException nats = assertThrows(ConfigException.class, () -> GuildflowConfig.fromEnvironment(
                Map.of("NATS_URL_FILE", write("nats", "http://gw:s3cret@nats:4222").toString())));
        assertEquals(true, nats.getMessage().startsWith("NATS_URL_FILE=http://gw:****@nats:4222 is not valid"),
                nats.getMessage());
    }

    @Test
    void natsUrlsHideTokensAndPasswords() {
        assertEquals("nats://****@nats:4222", NatsSettings.redact("nats://s3cr3t-token@nats:4222"));
        assertEquals("tls://gw:****@nats:4222", NatsSettings.redact("tls://gw:p@ss@nats:4222"));
        assertEquals("nats://nats:4222", NatsSettings.redact("nats://nats:4222"));
        ConfigException error = assertThrows(ConfigException.class,
                () -> GuildflowConfig.fromEnvironment(Map.of("NATS_URL", "nats://gw:s3cret@nats:4222/x/y")));
        assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
