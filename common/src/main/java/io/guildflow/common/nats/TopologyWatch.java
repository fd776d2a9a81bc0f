package io.guildflow.common.nats;

import io.guildflow.common.DaemonThreads;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what a role owns or needs on JetStream (streams, the durable consumers) in place while it runs. A NATS
 * server restarted without its store, or an operator deleting a stream, leaves the role running against nothing: it
 * would stay unready, or stop consuming, until restarted. Every {@link #CHECK_INTERVAL} the watch asks each
 * {@link Part} what is missing and has it recreated with the same provisioning code the role used at start.
 *
 * <p>One line when something is found missing, one when it is back; a refusal (permissions, replicas, limits) is
 * one line when it first appears or changes, and the {@link #state()} {@code /ready} shows, never a crash.
 */
public final class TopologyWatch implements AutoCloseable {
    /**
     * How often the role asks JetStream. A few light requests per process each time; short enough that a lost
     * stream is back before the guard's stand-ins have covered more than a handful of interactions.
     */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(TopologyWatch.class);

    /** One thing to keep in place; its methods run on the watch's thread only. */
    public interface Part {
        /** What is missing (or was replaced behind the role's back), one phrase each; empty when all is in place. */
        List<String> missing() throws IOException, JetStreamApiException;

        /** Recreates (or re-binds to) what {@link #missing()} named; throws when JetStream refuses. */
        void recreate(List<String> missing) throws IOException, JetStreamApiException;

        /**
         * Whether the role is unready while this part is missing. The gateway events' consumers are not: events
         * wait in their stream, and interactions must never wait for them.
         */
        default boolean gatesReadiness() {
            return true;
        }
    }

    /**
     * What the last check found, for {@code /ready}.
     *
     * @param ok     every part that gates readiness is in place
     * @param detail "present", or what is missing or refused and why
     */
    public record State(boolean ok, String detail) {
        public State {
            Objects.requireNonNull(detail, "detail");
        }

        static final State PRESENT = new State(true, "present");
    }

    private final BooleanSupplier connected;
    private final List<Part> parts;
    private final ScheduledExecutorService scheduler;
    private volatile Runnable unregister = () -> { };
    private volatile State state = State.PRESENT;
    /** The last refusal logged, so a refusal that lasts is one line, not one every check. */
    private String lastRefusal;
    /** Per part, what the last round found missing (null: in place), so a lasting gap is logged once. */
    private final String[] lastMissing;
    /** Per part, what kept it from being in place last round; kept while a round gets no answer. */
    private final String[] lastProblem;

    /**
     * @param parts in the order they are checked: a stream before the consumers on it
     * @param name  the role, for the thread's name
     */
    public TopologyWatch(Connection nats, List<Part> parts, String name) {
        this(() -> nats.getStatus() == Connection.Status.CONNECTED, parts, name);
        // A server that comes back may have come back empty: what was there before proves nothing until asked.
        ConnectionListener listener = (connection, event) -> {
            if (event == ConnectionListener.Events.DISCONNECTED) {
                submit(this::unverified);
            } else if (event == ConnectionListener.Events.RECONNECTED) {
                submit(() -> {
                    unverified();
                    check();
                });
            }
        };
        nats.addConnectionListener(listener);
        this.unregister = () -> nats.removeConnectionListener(listener);
    }

    private void submit(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException closed) {
            log.debug("topology watch closed");
        }
    }

    /** Until the next answer: after NATS went away, nothing is known about what it holds. */
    void unverified() {
        for (int i = 0; i < parts.size(); i++) {
            lastProblem[i] = "not checked since NATS reconnected";
        }
        state = new State(false, "not checked since NATS reconnected");
    }

    /** @param connected whether the connection can be asked now */
    TopologyWatch(BooleanSupplier connected, List<Part> parts, String name) {
        this.connected = Objects.requireNonNull(connected, "connected");
        this.parts = List.copyOf(parts);
        this.lastMissing = new String[this.parts.size()];
        this.lastProblem = new String[this.parts.size()];
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gf-topology-" + name));
    }

    /** Checks every {@link #CHECK_INTERVAL} from now on; the role provisioned everything at start. */
    public TopologyWatch start() {
        scheduler.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    public State state() {
        return state;
    }

    /** One round over every part; public for tests that cannot wait for the schedule. */
    public void check() {
        if (!connected.getAsBoolean()) {
            // nothing can be asked or repaired meanwhile; what the server holds when it is back is asked then
            unverified();
            return;
        }
        List<String> failing = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            lastProblem[i] = checkPart(i, refusals);
            if (lastProblem[i] != null && parts.get(i).gatesReadiness()) {
                failing.add(lastProblem[i]);
            }
        }
        String refusal = refusals.isEmpty() ? null : String.join("; ", refusals);
        if (refusal != null && !refusal.equals(lastRefusal)) {
            log.error("cannot repair the NATS topology, trying again every {} s: {}", CHECK_INTERVAL.toSeconds(),
                    refusal);
        }
        lastRefusal = refusal;
        state = failing.isEmpty() ? State.PRESENT : new State(false, String.join("; ", failing));
    }

    /** @return null when the part is in place (again), else what keeps it from being so */
    private String checkPart(int index, List<String> refusals) {
        Part part = parts.get(index);
        List<String> missing;
        try {
            missing = part.missing();
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            // no answer in time (a server just back, a cluster electing): what was known stands, the next round asks
            log.debug("topology check failed: {}", e.toString());
            return lastProblem[index];
        }
        if (missing.isEmpty()) {
            lastMissing[index] = null;
            return null;
        }
        String what = String.join(", ", missing);
        if (!what.equals(lastMissing[index])) {
            log.warn("NATS topology: {}; recreating", what);
        }
        lastMissing[index] = what;
        try {
            part.recreate(missing);
            log.info("NATS topology recreated (it found: {})", what);
            lastMissing[index] = null;
            return null;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            String reason = what + ": " + firstLine(e.getMessage());
            refusals.add(reason);
            return reason;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    @Override
    public void close() {
        unregister.run();
        scheduler.shutdownNow();
    }
}
