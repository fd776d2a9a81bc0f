package io.guildflow.worker.consumer;

import io.guildflow.common.telemetry.NatsTracing;
import io.guildflow.common.telemetry.SpanScope;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.Span;

import io.guildflow.common.envelope.EnvelopeCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.GuildLifecycleEnvelope;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.InteractionKind;
import io.guildflow.common.envelope.InteractionTime;
import io.guildflow.common.envelope.MalformedEnvelopeException;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.worker.discord.DeliveryResult;
import io.guildflow.worker.discord.DiscordResponder;
import io.guildflow.worker.dispatch.Answer;
import io.guildflow.worker.dispatch.InteractionProcessor;
import io.guildflow.worker.dispatch.TransientFailure;
import io.guildflow.worker.metrics.WorkerMetrics;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One JetStream message from receipt to ack: decode, process exactly once, deliver the stored
 * answer, signal the gateway, ack. Every path ends in ack, nak or dead letter, never in a stall.
 */
final class EventPipeline {
    private static final Logger log = LoggerFactory.getLogger(EventPipeline.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    private static final ObjectMapper LIFECYCLE_JSON = new ObjectMapper();
    /** Handlings slower than this are logged at WARN: a user waited for them. */
    private static final Duration SLOW_HANDLING = Duration.ofSeconds(1);

    private final Connection nats;
    private final Topology topology;
    private final EnvelopeCodec codec;
    private final InteractionProcessor processor;
    private final DiscordResponder responder;
    private final DeadLetters deadLetters;
    private final WorkerMetrics metrics;
    private final int maxDeliver;
    private final NatsTracing tracing;
    private final DatabaseGate databaseGate;
    private final LifecycleHandler lifecycle;

    /** What the worker does when the bot joins or leaves a guild; idempotent (two gateways may both forward one). */
    @FunctionalInterface
    public interface LifecycleHandler {
        void apply(GuildLifecycleEnvelope event) throws SQLException;
    }

    EventPipeline(Connection nats, Topology topology, EnvelopeCodec codec, InteractionProcessor processor,
                 DiscordResponder responder, DeadLetters deadLetters, WorkerMetrics metrics, int maxDeliver,
                 NatsTracing tracing, DatabaseGate databaseGate, LifecycleHandler lifecycle) {
        this.lifecycle = lifecycle;
        this.nats = nats;
        this.topology = topology;
        this.codec = codec;
        this.processor = processor;
        this.responder = responder;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.maxDeliver = maxDeliver;
        this.tracing = tracing;
        this.databaseGate = databaseGate;
    }

    /** Processes inside a span that continues the gateway's trace, carried in the message headers. */
    void process(Message message) {
        Headers headers = message.getHeaders();
        Span span = tracing.startConsume(message.getSubject(), headers,
                headers == null ? null : headers.getFirst(Topology.HEADER_MESSAGE_ID),
                headers == null ? null : headers.getFirst(Topology.HEADER_GUILD));
        String interactionId = headers == null ? null : headers.getFirst(Topology.HEADER_MESSAGE_ID);
        String guildId = headers == null ? null : headers.getFirst(Topology.HEADER_GUILD);
        // Every line of this handling, the handler's own included, names what it is about.
        try (SpanScope scope = new SpanScope(span);
             MDC.MDCCloseable interaction = MDC.putCloseable(SpanScope.MDC_INTERACTION_ID, Objects.requireNonNullElse(interactionId, "unknown"));
             MDC.MDCCloseable guild = MDC.putCloseable(SpanScope.MDC_GUILD_ID, Objects.requireNonNullElse(guildId, "none"))) {
            handleInSpan(message);
        } finally {
            span.end();
        }
    }

    private void handleInSpan(Message message) {
        Instant started = Instant.now();
        long delivered = message.metaData().deliveredCount();
        if (delivered > 1) {
            metrics.redelivery();
        }
        if (delivered >= maxDeliver) {
            // The server would drop the event after this delivery; park it where an operator can see it.
            deadLetter(message, "max-deliveries", "delivered " + delivered + " times without success", delivered);
            return;
        }
        if (topology.isLifecycleSubject(message.getSubject())) {
            handleLifecycle(message, delivered);
            return;
        }
        InteractionEnvelope envelope;
        try {
            envelope = codec.decode(message.getData());
        } catch (MalformedEnvelopeException e) {
            deadLetter(message, "malformed", "malformed envelope: " + e.getMessage(), delivered);
            return;
        }
        if (envelope.kind() == InteractionKind.UNKNOWN) {
            // No handler can serve a type the runtime cannot parse; the gateway forwarded it intact, so an
            // operator finds it in the dead-letter stream (deadLetter logs the one line).
            deadLetter(message, "unknown-type", "unknown interaction type " + envelope.type(), delivered);
            return;
        }
        Answer answer;
        try {
            answer = processor.process(envelope, delivered >= maxDeliver - 1);
        } catch (TransientFailure e) {
            log.warn("interaction {} not processed, retrying later: {}", envelope.interactionId(), e.getMessage());
            if (e.reason() == TransientFailure.Reason.DATABASE_UNREACHABLE) {
                // Not this event's fault: it waits in the stream while the pull loop is paused.
                databaseGate.close(e.getMessage());
                nak(message, DatabaseGate.PROBE_PERIOD, "database");
            } else {
                nak(message, retryDelay(delivered), "contended");
            }
            return;
        }
        boolean signalled = false;
        if (answer.delivered()) {
            log.debug("interaction {} was already answered; acking only", envelope.interactionId());
        } else if (answer.response() != null) {
            Delivery delivery = deliver(message, envelope, answer, delivered);
            if (delivery == Delivery.RETRY_LATER) {
                return;
            }
            signalled = delivery == Delivery.SIGNALLED;
        }
        answer.failure().ifPresent(why -> copyToDeadLetters(message, why, delivered));
        try {
            if (!signalled) {
                nats.publish(topology.ackedSubject(envelope.interactionId()), new byte[0]);
            }
            message.ack();
        } catch (RuntimeException e) {
            // Connection closed under us: JetStream redelivers after ackWait; the ledger says it was delivered.
            log.warn("cannot ack interaction {}: {}", envelope.interactionId(), e.toString());
            return;
        }
        Duration took = Duration.between(started, Instant.now());
        metrics.interaction(envelope.kind().subjectToken(), answer.metricTag(), answer.outcome().label(), answer.replay(),
                took);
        if (took.compareTo(SLOW_HANDLING) > 0) {
            log.warn("interaction {} ({}) handled in {} ms, over 1 s, outcome {}", envelope.interactionId(), answer.metricTag(),
                    took.toMillis(), answer.outcome().label());
        } else {
            log.debug("interaction {} ({}) handled in {} ms, outcome {}", envelope.interactionId(), answer.metricTag(),
                    took.toMillis(), answer.outcome().label());
        }
    }

    private void handleLifecycle(Message message, long delivered) {
        GuildLifecycleEnvelope event;
        try {
            event = GuildLifecycleEnvelope.decode(LIFECYCLE_JSON, message.getData());
        } catch (MalformedEnvelopeException e) {
            deadLetter(message, "malformed", "malformed lifecycle event: " + e.getMessage(), delivered);
            return;
        }
        try {
            lifecycle.apply(event);
        } catch (SQLException e) {
            log.warn("lifecycle event {} of guild {} not applied, retrying later: {}", event.event().label(),
                    event.guildId(), e.getMessage());
            nak(message, retryDelay(delivered), "database");
            return;
        }
        try {
            message.ack();
        } catch (RuntimeException e) {
            log.warn("cannot ack lifecycle event of guild {}: {}", event.guildId(), e.toString());
        }
    }

    /** What became of a delivery: retry later, or ack (the gateway's guard already told, or still to tell). */
    private enum Delivery { RETRY_LATER, SIGNALLED, NOT_SIGNALLED }

    private Delivery deliver(Message message, InteractionEnvelope envelope, Answer answer, long delivered) {
        boolean[] signalled = {false};
        try {
            boolean sent = processor.deliverOnce(envelope.interactionId(),
                    recordNow -> signalled[0] = send(envelope, answer, recordNow::commit));
            if (!sent) {
                log.debug("interaction {} was answered by another delivery; acking only", envelope.interactionId());
            }
            return signalled[0] ? Delivery.SIGNALLED : Delivery.NOT_SIGNALLED;
        } catch (Exception e) {
            retryDelivery(message, envelope, delivered, e);
            return Delivery.RETRY_LATER;
        }
    }

    /**
     * Sends the stored answer; a refusal no retry can fix counts as done.
     *
     * @return whether the gateway's guard was told the interaction is answered
     */
    private boolean send(InteractionEnvelope envelope, Answer answer, DiscordResponder.BeforeFollowUps beforeFollowUps)
            throws Exception {
        try {
            DeliveryResult result = responder.respond(envelope, answer.response(), beforeFollowUps);
            if (result == DeliveryResult.EXPIRED) {
                log.warn("interaction {} expired before its answer reached Discord (outcome {})",
                        envelope.interactionId(), answer.outcome().label());
                return false;
            }
            metrics.answered(Duration.between(
                    InteractionTime.created(envelope.interactionId(), envelope.receivedAt()), Instant.now()));
            return signalAnswered(envelope);
        } catch (DiscordApiException e) {
            if (!isPermanent(e)) {
                throw e;
            }
            // A 4xx other than a rate limit comes back the same on every retry: give up on this answer.
            log.warn("Discord refused the answer to interaction {} for good; not retrying: {}",
                    envelope.interactionId(), e.getMessage());
            metrics.deliveryRefused(e.error().name().toLowerCase(java.util.Locale.ROOT));
            return false;
        }
    }

    /**
     * Tells the gateway's guard at once, before the delivery is committed: the sooner it stands down, the fewer
     * stand-in deferrals it sends that Discord refuses because the answer was there first. Never fails the
     * delivery (Discord has the answer): a signal not sent is sent again before the ack.
     */
    private boolean signalAnswered(InteractionEnvelope envelope) {
        try {
            nats.publish(topology.ackedSubject(envelope.interactionId()), new byte[0]);
            return true;
        } catch (RuntimeException e) {
            log.debug("acked signal for interaction {} not sent yet: {}", envelope.interactionId(), e.toString());
            return false;
        }
    }

    private void retryDelivery(Message message, InteractionEnvelope envelope, long delivered, Exception e) {
        // The answer is stored: the retry delivers exactly this content again.
        log.warn("answer for interaction {} not delivered, retrying later: {}", envelope.interactionId(), e.toString());
        nak(message, retryDelay(delivered), "discord");
    }

    /** Client errors Discord will repeat whatever we do; 429 is a request to wait, not a refusal. */
    static boolean isPermanent(DiscordApiException e) {
        return e.status() >= 400 && e.status() < 500 && !e.isRateLimited();
    }

    /** The user got the apology; the event goes to the dead-letter stream as well, so an operator sees it. */
    private void copyToDeadLetters(Message message, String why, long delivered) {
        try {
            deadLetters.publish(message, why, delivered);
            metrics.deadLetter("handler-failed");
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            log.warn("cannot copy failed event seq {} to the dead-letter stream: {}",
                    message.metaData().streamSequence(), e.toString());
        }
    }

    private void nak(Message message, Duration delay, String cause) {
        metrics.retry(cause);
        try {
            message.nakWithDelay(delay);
        } catch (RuntimeException e) {
            log.warn("cannot nak event seq {}; JetStream redelivers it after ackWait: {}",
                    message.metaData().streamSequence(), e.toString());
        }
    }

    /** 1 s, 2 s, 4 s … capped at 30 s: rides out a database restart without hammering it. */
    static Duration retryDelay(long delivered) {
        long exponent = Math.max(0, Math.min(delivered - 1, 5));
        Duration delay = Duration.ofSeconds(1L << exponent);
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    private void deadLetter(Message message, String reasonTag, String reason, long delivered) {
        try {
            deadLetters.publish(message, reason, delivered);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            log.error("cannot dead-letter event seq {} ({}); retrying: {}",
                    message.metaData().streamSequence(), reason, e.toString());
            metrics.retry("dead-letter");
            message.nakWithDelay(Duration.ofSeconds(5));
            return;
        }
        log.warn("event seq {} on {} dead-lettered: {}", message.metaData().streamSequence(),
                message.getSubject(), reason);
        metrics.deadLetter(reasonTag);
        message.term();
    }
}
