package io.guildflow.worker.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.worker.commands.PingCommand;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandCatalogTest {

    @Test
    void discoversTheCommandsPackageFromTheClassesDirectory() {
        CommandCatalog catalog = CommandCatalog.discover();
        assertTrue(catalog.find("ping").orElseThrow() instanceof PingCommand);
        assertEquals("ping", catalog.toDiscordJson().get(0).path("name").asText());
    }

    @Test
    void discoversCommandsInsideAJarLikeTheShadedApp(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Shaded jars carry directory entries; getResources(package) relies on them.
            for (String directory : List.of("io/", "io/guildflow/", "io/guildflow/worker/", "io/guildflow/worker/commands/")) {
                out.putNextEntry(new JarEntry(directory));
                out.closeEntry();
            }
            copy(out, "io/guildflow/worker/commands/PingCommand.class");
            out.putNextEntry(new JarEntry("io/guildflow/worker/commands/PingCommand$Helper.class"));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            URL packageUrl = loader.getResource("io/guildflow/worker/commands");
            assertEquals("jar", packageUrl.getProtocol());
            assertEquals(List.of("io.guildflow.worker.commands.PingCommand"),
                    CommandCatalog.classNamesAt(packageUrl, CommandCatalog.COMMANDS_PACKAGE));
        }
    }

    private static void copy(OutputStream jar, String resource) throws Exception {
        ((JarOutputStream) jar).putNextEntry(new JarEntry(resource));
        try (InputStream in = CommandCatalogTest.class.getClassLoader().getResourceAsStream(resource)) {
            in.transferTo(jar);
        }
        ((JarOutputStream) jar).closeEntry();
    }

    @Test
    void rejectsTwoHandlersWithTheSameName() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> CommandCatalog.of(new PingCommand(), new PingCommand()));
        assertTrue(error.getMessage().contains("two handlers for /ping"), error.getMessage());
    }

    @Test
    void explainsAHandlerWithoutNoArgConstructor() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> CommandCatalog.discover(
                "io.guildflow.worker.dispatch.badcommands", CommandCatalogTest.class.getClassLoader()));
        assertTrue(error.getMessage().contains("public no-arg constructor"), error.getMessage());
    }
}
