package io.guildflow.devtools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.DependencyException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the demo finds the nats-server it starts when no NATS runs, and what it says when there is none. */
class ChildNatsTest {
    @TempDir
    Path folder;

    @Test
    void takesTheFirstExecutableOnPathThenTheFallback() throws IOException {
        Path empty = Files.createDirectory(folder.resolve("empty"));
        Path notExecutable = file(folder.resolve("plain"), "rw-r--r--");
        Path first = file(folder.resolve("first"), "rwxr-xr-x");
        Path second = file(folder.resolve("second"), "rwxr-xr-x");
        Path fallback = file(folder.resolve("sbin"), "rwxr-xr-x");
        String path = String.join(File.pathSeparator, empty.toString(), notExecutable.getParent().toString(),
                first.getParent().toString(), second.getParent().toString());

        assertEquals(Optional.of(first), ChildNats.binary(path, fallback));
        assertEquals(Optional.of(fallback), ChildNats.binary(empty.toString(), fallback));
        assertEquals(Optional.of(fallback), ChildNats.binary(null, fallback));
        assertEquals(Optional.empty(), ChildNats.binary(empty.toString(), folder.resolve("missing/nats-server")));
    }

    @Test
    void withoutTheBinaryItSaysHowToInstallItInOneLineWithTheDependencyExitCode() throws IOException {
        Path empty = Files.createDirectory(folder.resolve("empty"));
        Path missing = folder.resolve("missing/nats-server");

        DependencyException refused = assertThrows(DependencyException.class, () -> ChildNats.start(empty.toString(), missing));

        assertEquals(3, refused.exitCode());
        assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
        assertTrue(refused.getMessage().contains("`apt-get install nats-server`"), refused.getMessage());
        assertTrue(refused.getMessage().contains(missing.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("NATS_URL"), refused.getMessage());
    }

    @Test
    void aServerThatDoesNotStartIsOneLineWithWhatItSaid() throws IOException {
        Path failing = file(folder.resolve("failing"), "rwxr-xr-x");
        Files.writeString(failing, "#!/bin/sh\necho 'nats-server: Error listening on port'\nexit 1\n");

        DependencyException refused = assertThrows(DependencyException.class,
                () -> ChildNats.start(failing.getParent().toString(), folder.resolve("missing/nats-server")));

        assertEquals(3, refused.exitCode());
        assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
        assertTrue(refused.getMessage().contains("(" + failing + ")"), refused.getMessage());
        assertTrue(refused.getMessage().contains("nats-server exited 1: nats-server: Error listening on port"),
                refused.getMessage());
    }

    /** {@code <dir>/nats-server} with those permissions, in a folder of its own. */
    private static Path file(Path dir, String permissions) throws IOException {
        Files.createDirectories(dir);
        Path binary = Files.writeString(dir.resolve("nats-server"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString(permissions));
        return binary;
    }
}
