package io.guildflow.app.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** deploy/nats: the sample NATS configuration every deployment runs, and its start script. */
final class NatsSample {
    static final Path DIRECTORY = RepositoryFiles.root().resolve("deploy/nats");

    private NatsSample() {
    }

    static String text() {
        return read("nats-server.conf");
    }

    static String startScript() {
        return read("start.sh");
    }

    private static String read(String name) {
        try {
            return Files.readString(DIRECTORY.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
