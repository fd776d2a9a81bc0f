package io.guildflow.worker.events;

import io.guildflow.common.nats.Topology;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.dispatch.Dispatcher.GuildConfigSource;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.guildflow.worker.outbox.DeliveredPosts;
import io.guildflow.worker.outbox.OutboxWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Message;
import java.time.Clock;

/**
 * Gateway events in the worker's replay mode ({@code guildflow replay}): each event's handlers run in the transaction a
 * worker would run them in, and the channel messages they queue are recorded as delivered ({@code replayed}) before it
 * commits. Nothing is acknowledged, dead-lettered or sent.
 */
public final class EventReplay {
    /** What became of one event. */
    public enum Applied {
        /** its handlers ran and their effects were committed now */
        HANDLED,
        /** its key was in the ledger: its effects were there already, nothing ran */
        DUPLICATE,
        /** no handler for its type, or no readable body: a worker settled it without effects */
        NOTHING
    }

    private final EventProcessor processor;

    /** @param delivered the message ids Discord gave the posts the first time, for the posts replayed */
    public EventReplay(Database database, EventCatalog catalog, GuildConfigSource configs, TransactionLimits limits,
                       Topology topology, Clock clock, String replayId, DeliveredPosts delivered) {
        // No dead letters (replay never settles an event) and metrics nobody scrapes: a replay is not a worker.
        this.processor = new EventProcessor(new EventProcessor.Setup(database, catalog, configs, limits, topology,
                null, new EventMetrics(new SimpleMeterRegistry()), clock, replayId, Integer.MAX_VALUE, () -> { },
                (tx, key) -> OutboxWriter.recordReplayed(tx, OutboxWriter.eventPrefix(key), delivered)));
    }

    /** @throws Exception a handler failed or PostgreSQL refused: nothing of this event was committed */
    public Applied apply(Message message) throws Exception {
        return processor.replay(message);
    }
}
