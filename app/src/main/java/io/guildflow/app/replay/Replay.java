package io.guildflow.app.replay;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.common.DependencyException;
import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.nats.JetStreamErrors;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.database.PoolSettings;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.outbox.DeliveredPosts;
import io.guildflow.worker.replay.StreamReplay;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code guildflow replay}: after PostgreSQL was restored from a backup, the events JetStream kept since the backup
 * (interactions, lifecycle events, then gateway events) go through the handlers again in the worker's replay mode, so
 * the database gets back every effect since then; Discord is not called. Workers must be stopped meanwhile: a running
 * worker's outbox would send what replay records as sent only when the transaction commits.
 */
public final class Replay {
    /** Small: one event at a time, plus the connection {@code /config} writes on beside its transaction. */
    private static final int POOL_SIZE = 3;

    /** What a replay did, over every event it read. */
    public record Totals(long events, long applied, long alreadyApplied, long skipped, long failed, long left) {
        Totals plus(Totals other) {
            return new Totals(events + other.events, applied + other.applied, alreadyApplied + other.alreadyApplied,
                    skipped + other.skipped, failed + other.failed, left + other.left);
        }

        public String describe() {
            return events + " events: " + applied + " applied, " + alreadyApplied + " already in the database, "
                    + skipped + " skipped (another guild's, or nothing to apply), " + failed
                    + " gateway events whose handler failed (a worker dead-letters those: no effects), " + left
                    + " left for the workers (not handled yet when the database failed: they answer and post them)";
        }
    }

    private final GuildflowConfig config;
    private final HandlerCatalog catalog;
    private final PrintWriter err;
    private final LongSupplier nanoTime;

    public Replay(GuildflowConfig config, HandlerCatalog catalog, PrintWriter err) {
        this(config, catalog, err, System::nanoTime);
    }

    Replay(GuildflowConfig config, HandlerCatalog catalog, PrintWriter err, LongSupplier nanoTime) {
        this.config = config;
        this.catalog = catalog;
        this.err = err;
        this.nanoTime = nanoTime;
    }

    /**
     * @param guild only this guild's interactions, lifecycle and gateway events; empty: every event
     * @throws DependencyException NATS or PostgreSQL unreachable or refusing (exit 3); what was replayed until then
     *                             stays, and running it again resumes
     * @throws ConfigException     the environment has no such stream (exit 2)
     */
    public Totals run(Instant since, Optional<String> guild) throws InterruptedException {
        DatabaseSettings databaseSettings = config.requireDatabase();
        Topology topology = config.nats().topology();
        PoolSettings configured = config.worker().pool();
        try (Database database = new Database(databaseSettings,
                new PoolSettings(POOL_SIZE, configured.idleTimeout(), configured.connectTimeout()), "guildflow-replay");
             Connection nats = NatsConnections.connect(config.nats().servers(), "guildflow-replay-"
                     + config.environment())) {
            database.migrate();
            EventTimeClock clock = new EventTimeClock(since);
            try (StreamReplay replay = new StreamReplay(database, catalog, nats, topology, clock,
                    config.worker().transactions(), "replay-" + ProcessHandle.current().pid(),
                    DeliveredPosts.in(nats, topology))) {
                GuildSubjects subjects = new GuildSubjects(topology, guild);
                Totals totals = replayStream(nats, topology.streamName(), since, subjects, clock,
                        message -> replay.apply(message.getSubject(), message.getData()));
                if (!catalog.events().isEmpty()) {
                    // Without event handlers a gateway forwards no events, and none were ever handled.
                    totals = totals.plus(replayStream(nats, topology.eventStreamName(), since, subjects, clock,
                            replay::applyEvent));
                }
                return totals;
            }
        }
    }

    /** One event re-applied by the worker's replay mode. */
    private interface Step {
        StreamReplay.Result apply(Message message) throws InterruptedException;
    }

    private Totals replayStream(Connection nats, String stream, Instant since, GuildSubjects subjects,
                                EventTimeClock clock, Step step) throws InterruptedException {
        long applied = 0;
        long already = 0;
        long skipped = 0;
        long failed = 0;
        long left = 0;
        try {
            AckFloors floors = AckFloors.of(nats.jetStreamManagement(), stream);
            try (StreamEvents events = StreamEvents.since(nats, stream, since)) {
                Progress progress = new Progress(err, stream, events.total(), nanoTime.getAsLong());
                for (Message message = events.next(); message != null; message = events.next()) {
                    if (!subjects.includes(message.getSubject())) {
                        skipped++;
                    } else if (floors.waitingForWorkers(message.getSubject(), message.metaData().streamSequence())) {
                        left++;
                    } else {
                        clock.at(message.metaData().timestamp().toInstant());
                        switch (step.apply(message)) {
                            case APPLIED -> applied++;
                            case ALREADY_APPLIED -> already++;
                            case SKIPPED -> skipped++;
                            case FAILED -> failed++;
                        }
                    }
                    progress.done(nanoTime.getAsLong());
                }
                return new Totals(events.total(), applied, already, skipped, failed, left);
            }
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == JetStreamErrors.STREAM_NOT_FOUND) {
                throw new ConfigException("stream " + stream + " does not exist on " + config.nats().servers().describe()
                        + ": is ENVIRONMENT (" + config.environment() + ") the one whose events to replay?");
            }
            throw new DependencyException("NATS refused to read stream " + stream + " since " + since + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new DependencyException("cannot read stream " + stream + " since " + since + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * With {@code --guild}: the guild's interaction and gateway-event subjects ({@code gf.<env>.guild.<id>.…}) and its
     * lifecycle subject; without: everything. Filtered here, not by the consumer: NATS before 2.10 takes one filter.
     */
    record GuildSubjects(Topology topology, Optional<String> guild) {
        boolean includes(String subject) {
            return guild.isEmpty() || subject.startsWith(topology.subjectPrefix() + ".guild." + guild.get() + ".")
                    || subject.equals(topology.lifecycleSubject(guild.get()));
        }
    }
}
