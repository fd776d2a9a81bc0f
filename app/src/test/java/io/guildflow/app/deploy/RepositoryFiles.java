package io.guildflow.app.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root as seen from a module's tests (Maven runs them with the module as working directory). */
final class RepositoryFiles {
    private RepositoryFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("k8s"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no k8s/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
