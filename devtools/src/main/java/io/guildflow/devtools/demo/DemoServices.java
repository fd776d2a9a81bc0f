package io.guildflow.devtools.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo runs against, one choice per service. A {@code DATABASE_URL} / {@code NATS_URL} that is set is
 * used as it is (unreachable, it stays the one-line error of {@link Preflight}: the operator asked for that one).
 * Unset: the local default when something answers there, else one the demo starts itself (an embedded PostgreSQL,
 * a nats-server child process), stopped and removed on {@link #close()}, also on Ctrl-C.
 */
public final class DemoServices implements AutoCloseable {
    private static final int LOCAL_POSTGRES_PORT = 5432;
    private static final int LOCAL_NATS_PORT = 4222;
    private static final int PROBE_TIMEOUT_MILLIS = 500;

    private final Map<String, String> environment;
    private final List<String> lines;
    /** In start order; closed in reverse. */
    private final List<AutoCloseable> started;
    private boolean closed;
    private final Thread onExit = new Thread(this::close, "guildflow-demo-services-stop");

    private DemoServices(Map<String, String> environment, List<String> lines, List<AutoCloseable> started) {
        this.environment = Map.copyOf(environment);
        this.lines = List.copyOf(lines);
        this.started = List.copyOf(started);
    }

    /**
     * @param processEnvironment the demo's variables
     * @param own                start its own PostgreSQL and NATS even when local ones answer (a set
     *                           {@code DATABASE_URL} / {@code NATS_URL} still wins)
     */
    public static DemoServices provide(Map<String, String> processEnvironment, boolean own) {
        Map<String, String> env = new HashMap<>(processEnvironment);
        List<String> lines = new ArrayList<>();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            // NATS first: a missing nats-server is told before the slower PostgreSQL start
            if (configured(env, "NATS_URL")) {
                lines.add("NATS:       NATS_URL");
            } else if (!own && answers(LOCAL_NATS_PORT)) {
                lines.add("NATS:       using the one at 127.0.0.1:" + LOCAL_NATS_PORT + " (NATS_URL unset)");
                env.put("NATS_URL", "nats://127.0.0.1:" + LOCAL_NATS_PORT);
            } else {
                ChildNats nats = ChildNats.start(env.get("PATH"), ChildNats.DEBIAN_BINARY);
                started.add(nats);
                env.put("NATS_URL", nats.url());
                lines.add("NATS:       " + nats.describe());
            }
            if (configured(env, "DATABASE_URL")) {
                lines.add("PostgreSQL: DATABASE_URL");
            } else if (!own && answers(LOCAL_POSTGRES_PORT)) {
                lines.add("PostgreSQL: using the one at 127.0.0.1:" + LOCAL_POSTGRES_PORT + " (DATABASE_URL unset)");
            } else {
                EmbeddedDatabase database = EmbeddedDatabase.start();
                started.add(database);
                env.put("DATABASE_URL", database.url());
                lines.add("PostgreSQL: " + database.describe());
            }
        } catch (RuntimeException e) {
            new DemoServices(env, lines, started).close();
            throw e;
        }
        DemoServices services = new DemoServices(env, lines, started);
        Runtime.getRuntime().addShutdownHook(services.onExit);
        return services;
    }

    private static boolean configured(Map<String, String> env, String name) {
        return env.containsKey(name) || env.containsKey(name + "_FILE");
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * An exception's first line, for a one-line error: some carry a process's whole output after it. A first line
     * ending in ':' ("nats-server exited 1:") gets the next one too, the first thing that process said.
     */
    static String firstLine(Throwable e) {
        List<String> lines = String.valueOf(e.getMessage()).lines().filter(line -> !line.isBlank()).limit(2).toList();
        if (lines.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return lines.get(0).endsWith(":") && lines.size() > 1 ? lines.get(0) + " " + lines.get(1).strip() : lines.get(0);
    }

    /** The demo's variables, with {@code DATABASE_URL} and {@code NATS_URL} pointing at what it started. */
    public Map<String, String> environment() {
        return environment;
    }

    /** One line per service: what the demo uses and, for what it started, where. */
    public List<String> lines() {
        return lines;
    }

    /**
     * Stops what it started, newest first, and removes their directories. Synchronized: on Ctrl-C the shutdown hook
     * and the demo's own close may both come here, and the JVM must not halt before the one doing it is done.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // closing from the hook itself (Ctrl-C)
        }
        List<AutoCloseable> newestFirst = new ArrayList<>(started);
        Collections.reverse(newestFirst);
        for (AutoCloseable service : newestFirst) {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("guildflow: could not stop the demo's " + service + ": " + e.getMessage());
            }
        }
    }
}
