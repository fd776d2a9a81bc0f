package io.guildflow.devtools.demo;

import io.guildflow.common.DependencyException;
import io.guildflow.testsupport.nats.NatsServerProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo's own NATS when none runs: {@code nats-server -js} as a child process on a free loopback port, with
 * a store directory of its own that {@link #close()} removes along with the process.
 */
final class ChildNats implements AutoCloseable {
    /** Where Debian's nats-server package puts it, for a PATH without {@code /usr/sbin}. */
    static final Path DEBIAN_BINARY = Path.of("/usr/sbin/nats-server");

    private final NatsServerProcess server;

    private ChildNats(NatsServerProcess server) {
        this.server = server;
    }

    /**
     * @param path     the {@code PATH} to look for {@code nats-server} on
     * @param fallback where to look when it is on none of them ({@link #DEBIAN_BINARY})
     */
    static ChildNats start(String path, Path fallback) {
        Path binary = binary(path, fallback).orElseThrow(() -> new DependencyException("nats-server, which the"
                + " demo starts when no NATS answers on 127.0.0.1:4222, is neither on PATH nor at " + fallback
                + ": install it (`apt-get install nats-server`), or start a NATS with JetStream, or set NATS_URL", null));
        try {
            return new ChildNats(NatsServerProcess.launch(binary));
        } catch (RuntimeException e) {
            throw new DependencyException("the demo's nats-server (" + binary + "), started when no NATS answers on"
                    + " 127.0.0.1:4222, did not start (" + DemoServices.firstLine(e) + "): start a NATS with JetStream, or set NATS_URL", e);
        }
    }

    /** The first executable {@code nats-server} in the folders of {@code path}, else {@code fallback} if executable. */
    static Optional<Path> binary(String path, Path fallback) {
        Stream<Path> onPath = path == null || path.isEmpty() ? Stream.empty()
                : Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "nats-server"));
        return Stream.concat(onPath, Stream.of(fallback)).filter(Files::isExecutable).findFirst();
    }

    String url() {
        return server.url();
    }

    String describe() {
        return "child process nats-server -js (pid " + server.pid() + ") on 127.0.0.1:" + server.port() + " (store in "
                + server.directory() + ")";
    }

    @Override
    public String toString() {
        return "nats-server child process";
    }

    @Override
    public void close() {
        server.close();
    }
}
