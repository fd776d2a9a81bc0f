package io.guildflow.worker.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.DependencyException;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.GuildLifecycleEnvelope;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.InteractionKind;
import io.guildflow.common.envelope.MalformedEnvelopeException;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.database.PostgresFailures;
import io.guildflow.worker.dispatch.Dispatcher;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.InteractionProcessor;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.guildflow.worker.guild.ConfigCommand;
import io.guildflow.worker.guild.GuildConfigChanges;
import io.guildflow.worker.guild.GuildConfigStore;
import io.guildflow.worker.events.EventReplay;
import io.guildflow.worker.outbox.DeliveredPosts;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The worker's replay mode ({@code guildflow replay}, after PostgreSQL was restored from a backup): each event of the
 * streams goes through the handlers and the ledger as a worker would handle it, with its answer and channel messages
 * recorded as delivered instead of sent ({@link InteractionProcessor#forReplay}); lifecycle events through the worker's
 * own lifecycle handling; gateway events through their handlers ({@link EventReplay}). Nothing reaches Discord. An
 * event whose ledger row exists (it survived the restore, or an earlier replay wrote it) changes nothing.
 */
public final class StreamReplay implements AutoCloseable {
    /** Tries per event while PostgreSQL refuses for a moment (a lock, a broken connection), then it gives up. */
    static final int ATTEMPTS = 4;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    /** What became of one event. */
    public enum Result {
        /** its effects were written now */
        APPLIED,
        /** its effects were in the database already: nothing changed */
        ALREADY_APPLIED,
        /** nothing to apply: malformed, an unknown interaction type, or another guild's */
        SKIPPED,
        /** a gateway event whose handler failed on every try: a worker dead-letters such an event, without effects */
        FAILED
    }

    private final Topology topology;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final ObjectMapper json = new ObjectMapper();
    private final GuildConfigChanges changes;
    private final InteractionProcessor processor;
    private final EventReplay events;

    /**
     * @param replayId  recorded as the worker of the ledger rows it writes
     * @param delivered the message ids Discord gave the posts the first time: each replayed post gets its own back
     */
    public StreamReplay(Database database, HandlerCatalog catalog, Connection nats, Topology topology, Clock clock,
                        TransactionLimits limits, String replayId, DeliveredPosts delivered) {
        this.topology = topology;
        this.changes = new GuildConfigChanges(database.dataSource(), nats, topology);
        GuildConfigStore store = new GuildConfigStore();
        // Read through every time: a cache would miss the lifecycle changes this replay itself just wrote.
        Dispatcher.GuildConfigSource configs = (guild, tx) -> store.settings(tx, guild);
        Dispatcher dispatcher = new Dispatcher(catalog.with(new ConfigCommand(changes)), clock, configs);
        this.processor = InteractionProcessor.forReplay(database, dispatcher, clock, replayId, limits, delivered);
        this.events = new EventReplay(database, catalog.events(), configs, limits, topology, clock, replayId,
                delivered);
    }

    /**
     * One event of the gateway-event stream ({@code GUILDFLOW_<ENV>_EVENTS}).
     *
     * @throws DependencyException PostgreSQL unreachable {@value #ATTEMPTS} times in a row
     */
    public Result applyEvent(Message message) throws InterruptedException {
        return tried(() -> switch (events.apply(message)) {
            case HANDLED -> Result.APPLIED;
            case DUPLICATE -> Result.ALREADY_APPLIED;
            case NOTHING -> Result.SKIPPED;
        }, failure -> {
            if (PostgresFailures.connectionLost(failure)) {
                throw new DependencyException("gateway event seq " + message.metaData().streamSequence() + " on "
                        + message.getSubject() + " not replayed: PostgreSQL unreachable: " + failure, failure);
            }
            return Result.FAILED;
        });
    }

    /**
     * @throws DependencyException PostgreSQL refused the event {@value #ATTEMPTS} times: the replay stops there, and
     *                             running it again resumes where it stopped
     */
    public Result apply(String subject, byte[] data) throws InterruptedException {
        if (topology.isLifecycleSubject(subject)) {
            return applyLifecycle(subject, data);
        }
        InteractionEnvelope envelope;
        try {
            envelope = codec.decode(data);
        } catch (MalformedEnvelopeException e) {
            return Result.SKIPPED; // a worker dead-lettered it: it had no effect to restore
        }
        if (envelope.kind() == InteractionKind.UNKNOWN) {
            return Result.SKIPPED;
        }
        return tried(() -> processor.process(envelope, true).replay() ? Result.ALREADY_APPLIED : Result.APPLIED,
                failure -> {
                    throw new DependencyException("interaction " + envelope.interactionId() + " on " + subject
                            + " not replayed after " + ATTEMPTS + " tries: " + failure.getMessage(), failure);
                });
    }

    private interface Attempt {
        Result run() throws Exception;
    }

    /** Up to {@value #ATTEMPTS} tries, each pause longer; {@code lastFailure} says what the last failure means. */
    private static Result tried(Attempt attempt, Function<Exception, Result> lastFailure) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        for (int tries = 1; ; tries++) {
            try {
                return attempt.run();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (tries == ATTEMPTS) {
                    return lastFailure.apply(e);
                }
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2);
        }
    }

    private Result applyLifecycle(String subject, byte[] data) {
        GuildLifecycleEnvelope event;
        try {
            event = GuildLifecycleEnvelope.decode(json, data);
        } catch (MalformedEnvelopeException e) {
            return Result.SKIPPED;
        }
        try {
            return changes.apply(event) ? Result.APPLIED : Result.ALREADY_APPLIED;
        } catch (SQLException e) {
            throw new DependencyException("lifecycle event on " + subject + " not replayed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        processor.close();
    }
}
