package io.guildflow.worker.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.api.GuildConfig;
import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.JsonView;
import io.guildflow.api.event.RawEvent;
import io.guildflow.api.event.RawEventHandler;
import io.guildflow.common.event.EventHeaders;
import io.guildflow.common.event.EventScope;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.consumer.DeadLetters;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.database.PostgresFailures;
import io.guildflow.worker.dispatch.Dispatcher.GuildConfigSource;
import io.guildflow.worker.dispatch.BeforeCommit;
import io.guildflow.worker.dispatch.GuardedConnection;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.guildflow.worker.events.EventMetrics.Outcome;
import io.guildflow.worker.outbox.OutboxWriter;
import io.nats.client.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one delivery of a gateway event exactly once: in one PostgreSQL transaction, claim its key in
 * {@code handled_events}, run every handler of its type, commit, then acknowledge. A key already claimed means the
 * effects are committed: acknowledge only. Whatever cannot be handled is acknowledged or dead-lettered, never left to
 * block its partition; a failing handler is retried with backoff, then dead-lettered at {@code MAX_DELIVER}.
 */
final class EventProcessor {
    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    /** What the processor needs from the worker, assembled once. */
    record Setup(Database database, EventCatalog catalog, GuildConfigSource configs, TransactionLimits limits,
                 Topology topology, DeadLetters deadLetters, EventMetrics metrics, Clock clock, String workerId,
                 int maxDeliver, Runnable committed, BeforeCommit beforeCommit) {
    }

    private final Setup setup;
    private final ObjectMapper json = new ObjectMapper();

    EventProcessor(Setup setup) {
        this.setup = setup;
    }

    /** A delivery's type, body and handlers: what its transaction runs. */
    private record Work(String type, JsonView data, List<EventHandler<?>> typed, List<RawEventHandler> raw) {
    }

    void process(Message message) {
        Work work = work(message, true);
        if (work != null) {
            handle(message, work);
        }
    }

    /**
     * Replay mode: the same transaction (with {@link Setup#beforeCommit()}), but nothing is acknowledged or
     * dead-lettered: the caller reads the stream with a consumer of its own and decides what a failure means.
     *
     * @return {@link EventReplay.Applied#NOTHING} for an event without handlers or a readable body (a worker settled
     *     it without effects), else whether its effects were committed now or were there already
     */
    EventReplay.Applied replay(Message message) throws Exception {
        Work work = work(message, false);
        if (work == null) {
            return EventReplay.Applied.NOTHING;
        }
        return commit(message, work) ? EventReplay.Applied.HANDLED : EventReplay.Applied.DUPLICATE;
    }

    /** @param settle dead-letter or acknowledge what has no work (a worker's delivery), else only return null */
    private Work work(Message message, boolean settle) {
        String type = message.getHeaders() == null ? null : message.getHeaders().getFirst(EventHeaders.TYPE);
        if (type == null || type.isBlank()) {
            if (settle) {
                deadLetter(message, "_", Outcome.MALFORMED, "no " + EventHeaders.TYPE + " header");
            }
            return null;
        }
        List<EventHandler<?>> typed = setup.catalog().typedFor(type);
        List<RawEventHandler> raw = setup.catalog().rawFor(type);
        if (typed.isEmpty() && raw.isEmpty()) {
            if (settle) {
                log.warn("gateway event {} on {} has no handler in this worker; acknowledged unhandled (a gateway"
                        + " forwarding types this bot version does not handle?)", type, message.getSubject());
                setup.metrics().delivery(type, Outcome.UNHANDLED);
                message.ack();
            }
            return null;
        }
        JsonNode data;
        try {
            data = json.readTree(message.getData() == null ? new byte[0] : message.getData());
        } catch (IOException | RuntimeException e) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            if (settle) {
                deadLetter(message, type, Outcome.MALFORMED, "body is not a JSON object: "
                        + preview(message.getData()));
            }
            return null;
        }
        return new Work(type, new NodeView(data), typed, raw);
    }

    private void handle(Message message, Work work) {
        boolean claimed;
        try {
            claimed = commit(message, work);
        } catch (Exception e) {
            failed(message, work.type(), message.metaData().deliveredCount(), e);
            return;
        }
        if (!claimed) {
            message.ack();
            setup.metrics().delivery(work.type(), Outcome.DUPLICATE);
            return;
        }
        setup.committed().run();
        message.ack();
        setup.metrics().delivery(work.type(), Outcome.HANDLED);
        setup.metrics().lag(work.type(), Duration.between(receivedAt(message), setup.clock().instant()));
    }

    /** @return false when the event's key was claimed before: its effects are committed already, nothing ran */
    private boolean commit(Message message, Work work) throws Exception {
        String key = EventLedger.keyOf(message);
        Optional<String> guild = guildOf(message.getSubject());
        String scope = scopeOf(message.getSubject());
        Instant received = receivedAt(message);
        try (Connection tx = setup.database().connection()) {
            tx.setAutoCommit(false);
            try {
                setup.limits().apply(tx);
                if (!EventLedger.claim(tx, key, work.type(), scope, setup.workerId(), setup.clock().instant())) {
                    tx.commit();
                    return false;
                }
                Connection guarded = GuardedConnection.guard(tx);
                GuildConfig config = guild.isPresent() ? setup.configs().forGuild(guild.get(), tx) : GuildConfig.EMPTY;
                EventContext context = new Context(work.type(), !key.startsWith(EventLedger.SEQUENCE_PREFIX), guild,
                        config, guarded, OutboxWriter.forEvent(tx, key), received, setup.clock());
                for (EventHandler<?> handler : work.typed()) {
                    run(handler, work.data(), context);
                }
                for (RawEventHandler handler : work.raw()) {
                    handler.handle(new RawEvent(work.type(), work.data()), context);
                }
                setup.beforeCommit().apply(tx, key);
                tx.commit();
                return true;
            } catch (Exception e) {
                rollbackQuietly(tx);
                throw e;
            }
        }
    }

    private static <E> void run(EventHandler<E> handler, JsonView data, EventContext context) throws Exception {
        handler.handle(handler.type().view(data), context);
    }

    /**
     * Back to the stream with a growing delay; its partition waits meanwhile (that is the ordering guarantee). A
     * lost database connection is retried for as long as it takes; a failing handler at most {@code MAX_DELIVER}
     * times, then the event is dead-lettered with the reason so the partition moves on.
     */
    private void failed(Message message, String type, long delivery, Exception error) {
        if (delivery >= setup.maxDeliver() && !PostgresFailures.connectionLost(error)) {
            log.error("gateway event {} ({}) failed on delivery {} of {}; dead-lettering it", type,
                    EventLedger.keyOf(message), delivery, setup.maxDeliver(), error);
            deadLetter(message, type, Outcome.DEAD_LETTERED, "handler failed " + delivery + " times: " + error);
            return;
        }
        log.warn("gateway event {} ({}) failed on delivery {}, retrying: {}", type, EventLedger.keyOf(message),
                delivery, error.toString());
        setup.metrics().delivery(type, Outcome.FAILED);
        message.nakWithDelay(backoff(delivery));
    }

    static Duration backoff(long delivery) {
        long shift = Math.min(Math.max(delivery - 1, 0), 10);
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << shift);
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private void deadLetter(Message message, String type, Outcome outcome, String reason) {
        long delivery = message.metaData().deliveredCount();
        try {
            setup.deadLetters().publish(message, setup.topology().eventDeadLetterSubject(type), reason, delivery);
        } catch (Exception e) {
            // Not acked: the event comes back after the ack wait and is dead-lettered then.
            log.warn("cannot dead-letter gateway event {} ({}); it comes back: {}", type, reason, e.toString());
            return;
        }
        if (outcome == Outcome.MALFORMED) {
            log.warn("gateway event on {} dead-lettered: {}", message.getSubject(), reason);
        }
        message.ack();
        setup.metrics().delivery(type, outcome);
    }

    /** {@code gf.<env>.<guild|dm>.<id>.event.<type>.<partition>}: the scope tokens counted from the end. */
    static String scopeOf(String subject) {
        String[] tokens = subject.split("\\.");
        return tokens.length < 7 ? "unknown" : tokens[tokens.length - 5] + ":" + tokens[tokens.length - 4];
    }

    static Optional<String> guildOf(String subject) {
        String[] tokens = subject.split("\\.");
        return tokens.length >= 7 && EventScope.GUILD.equals(tokens[tokens.length - 5])
                ? Optional.of(tokens[tokens.length - 4]) : Optional.empty();
    }

    private Instant receivedAt(Message message) {
        String value = message.getHeaders() == null ? null : message.getHeaders().getFirst(EventHeaders.RECEIVED_AT);
        try {
            return value == null ? setup.clock().instant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return setup.clock().instant();
        }
    }

    private static String preview(byte[] data) {
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private static void rollbackQuietly(Connection tx) {
        try {
            tx.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed (connection probably gone): {}", e.toString());
        }
    }
}
