package io.guildflow.worker.dispatch;

import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.InteractionTime;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.discord.Responded;
import io.guildflow.worker.discord.DiscordResponder;
import io.guildflow.worker.metrics.WorkerMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an interaction's stored answer to Discord exactly once: the one place that holds the ledger's
 * "sent" mark, calls the {@link DiscordResponder} and decides what a refusal means. (A "delivery" is
 * JetStream's: one handing of an event to a worker.)
 *
 * <p>The ledger row is marked sent in the statement that locks it, so two copies of one event (a
 * redelivery while the first worker is slow or frozen) never both call Discord; the mark is committed once
 * Discord has the answer, and a failed send rolls it back. Follow-ups are the exception: Discord cannot tell a
 * repeated one, so the mark is committed just before the first of them, which makes them at most once. Without
 * the database the answer is sent anyway: a second, identical answer becomes an edit with the same content,
 * better than none.
 *
 * <p>An answer the ledger held from an earlier delivery ({@link Answer#replay()}) but not marked sent may still have
 * reached Discord: that delivery died after Discord took it and before the mark was committed. It goes through
 * {@link DiscordResponder#respondAgain}, which reads {@code @original} first and sends nothing Discord already shows;
 * the mark is then committed as for a send. A first delivery never pays that read.
 *
 * <p>Whatever the result but "retry later", the gateway's guard is told once ({@code gf.<env>.acked.<id>}) that
 * it has nothing left to wait for: as soon as Discord took the answer, before the mark is committed, so it
 * stands down (and sends no stand-in Discord would refuse) without waiting for the database. When the answer was
 * one callback, the signal carries how long Discord took to accept it (milliseconds, as text): a Discord that turns
 * slow shows in the workers' calls before the guard's own, and the guard keeps that much of the window for its own.
 */
public final class AnswerSender {
    /** What became of one send; only {@link #RETRY_LATER} keeps the event in the stream. */
    public enum Result {
        /** Discord has the answer now. */
        SENT,
        /** Another copy of this event had sent it, the ledger says it was sent, or Discord already shows it. */
        SENT_BEFORE,
        /** The token is dead (10062, 50027): nobody can answer it any more. */
        EXPIRED,
        /** Discord refused it with a client error that every retry would get again. */
        REFUSED,
        /** Nothing reached Discord for good (network, 5xx, rate limit, a lock held too long): try again later. */
        RETRY_LATER
    }

    private static final Logger log = LoggerFactory.getLogger(AnswerSender.class);
    /** The answer took more than one call, or none: its time says nothing about one call's latency. */
    private static final long NO_CALLBACK = -1;

    private final Database database;
    private final DiscordResponder responder;
    private final InteractionLedger ledger = new InteractionLedger();
    private final TransactionLimits limits;
    private final Clock clock;
    private final WorkerMetrics metrics;
    private final io.nats.client.Connection nats;
    private final Topology topology;

    public AnswerSender(Database database, DiscordResponder responder, TransactionLimits limits, Clock clock,
                        WorkerMetrics metrics, io.nats.client.Connection nats, Topology topology) {
        this.nats = nats;
        this.topology = topology;
        this.database = database;
        this.responder = responder;
        this.limits = limits;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Result send(InteractionEnvelope envelope, Answer answer) {
        Result result;
        if (answer.sent() || answer.response() == null) {
            log.debug("interaction {} was already answered; nothing to send", envelope.interactionId());
            result = Result.SENT_BEFORE;
        } else {
            try {
                result = sendOnce(envelope, answer);
            } catch (Exception e) {
                // The answer is stored: the retry sends exactly this content again.
                log.warn("answer for interaction {} not sent, retrying later: {}", envelope.interactionId(),
                        e.toString());
                return Result.RETRY_LATER;
            }
        }
        if (result != Result.SENT) {
            tellTheGuard(envelope, NO_CALLBACK); // a sent answer told it the moment Discord took it
        }
        return result;
    }

    /**
     * Never fails the send: when NATS did not take the signal, the caller's ack fails too and the event comes back.
     *
     * @param callbackNanos how long Discord took to accept the answer's one callback, or {@link #NO_CALLBACK}
     */
    private void tellTheGuard(InteractionEnvelope envelope, long callbackNanos) {
        byte[] body = callbackNanos == NO_CALLBACK ? new byte[0]
                : Long.toString(TimeUnit.NANOSECONDS.toMillis(callbackNanos)).getBytes(StandardCharsets.US_ASCII);
        try {
            nats.publish(topology.ackedSubject(envelope.interactionId()), body);
        } catch (RuntimeException e) {
            log.debug("acked signal for interaction {} not sent yet: {}", envelope.interactionId(), e.toString());
        }
    }

    private Result sendOnce(InteractionEnvelope envelope, Answer answer) throws Exception {
        String id = envelope.interactionId();
        Connection connection;
        try {
            connection = database.connection();
        } catch (SQLException e) {
            return respond(envelope, answer, () -> { });
        }
        try (connection) {
            connection.setAutoCommit(false);
            boolean[] recorded = {false};
            Result result;
            try {
                if (!ledger.markSent(connection, limits, id, clock.instant())) {
                    connection.commit();
                    log.debug("interaction {} was answered by another copy of its event", id);
                    return Result.SENT_BEFORE;
                }
                result = respond(envelope, answer, () -> {
                    if (!recorded[0]) {
                        connection.commit();
                        recorded[0] = true;
                    }
                });
            } catch (Exception e) {
                InteractionProcessor.rollbackQuietly(connection);
                if (recorded[0]) {
                    // past the point of no return: a retry would find the mark and only ack, so say what was lost
                    log.warn("interaction {}: a follow-up failed after the answer was recorded as sent and is not"
                            + " sent again: {}", id, e.getMessage());
                }
                throw e;
            }
            if (!recorded[0]) {
                commitSent(connection, id);
            }
            return result;
        }
    }

    /** Has the responder send the stored answer; a refusal no retry can fix counts as done. */
    private Result respond(InteractionEnvelope envelope, Answer answer, DiscordResponder.BeforeFollowUps recordNow)
            throws Exception {
        try {
            long started = System.nanoTime();
            // A replayed answer's earlier send may have reached Discord unrecorded: only then is it worth a read first.
            Responded responded = answer.replay()
                    ? responder.respondAgain(envelope, answer.response(), recordNow)
                    : responder.respond(envelope, answer.response(), recordNow);
            long took = System.nanoTime() - started;
            if (responded == Responded.EXPIRED) {
                // Each stage's share, so an operator sees which one ate Discord's 3 s.
                Instant created = InteractionTime.created(envelope.interactionId(), envelope.receivedAt());
                Instant callStarted = clock.instant().minusNanos(took);
                log.warn("interaction {} expired before its answer reached Discord (outcome {}): gateway read it {} ms"
                                + " after its creation, stream and worker (queue, ledger, handler) took {} ms more,"
                                + " the call to Discord {} ms", envelope.interactionId(), answer.outcome().label(),
                        Duration.between(created, envelope.receivedAt()).toMillis(),
                        Duration.between(envelope.receivedAt(), callStarted).toMillis(),
                        TimeUnit.NANOSECONDS.toMillis(took));
                return Result.EXPIRED;
            }
            if (responded == Responded.SHOWN_ALREADY) {
                log.info("interaction {}: Discord already shows its answer (an earlier delivery sent it unrecorded);"
                        + " recorded it as sent, not sent again", envelope.interactionId());
                return Result.SENT_BEFORE;
            }
            metrics.answered(Duration.between(
                    InteractionTime.created(envelope.interactionId(), envelope.receivedAt()), clock.instant()));
            // a replay read @original first: two calls, not one callback's latency
            tellTheGuard(envelope, responded == Responded.CALLBACK && !answer.replay() ? took : NO_CALLBACK);
            return Result.SENT;
        } catch (DiscordApiException e) {
            if (!isPermanent(e)) {
                throw e;
            }
            log.warn("Discord refused the answer to interaction {} for good; not retrying: {}",
                    envelope.interactionId(), e.getMessage());
            metrics.answerRefused(e.error().name().toLowerCase(Locale.ROOT));
            return Result.REFUSED;
        }
    }

    /** Client errors Discord will repeat whatever we do; 429 is a request to wait, not a refusal. */
    static boolean isPermanent(DiscordApiException e) {
        return e.status() >= 400 && e.status() < 500 && !e.isRateLimited();
    }

    /**
     * Discord has the answer: if the database went away before the mark was committed, the event is still
     * done. Retrying it would send the same answer again (a refused callback, then an identical edit).
     */
    private static void commitSent(Connection connection, String interactionId) {
        try {
            connection.commit();
        } catch (SQLException e) {
            InteractionProcessor.rollbackQuietly(connection);
            log.warn("interaction {} answered, but that it was sent could not be recorded (acking anyway): {}",
                    interactionId, e.getMessage());
        }
    }
}
