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
import io.guildflow.common.envelope.MalformedEnvelopeException;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.dispatch.Answer;
import io.guildflow.worker.dispatch.AnswerSender;
import io.guildflow.worker.dispatch.InteractionProcessor;
import io.guildflow.worker.dispatch.TransientFailure;
import io.guildflow.worker.metrics.WorkerMetrics;
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
 * One JetStream message from receipt to ack: decode, process exactly once ({@link InteractionProcessor}),
 * send the stored answer and tell the gateway ({@link AnswerSender}), ack. Every path ends in ack, nak or
 * dead letter, never in a stall.
 */
final class EventPipeline {
    private static final Logger log = LoggerFactory.getLogger(EventPipeline.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    private static final ObjectMapper LIFECYCLE_JSON = new ObjectMapper();
    /** Handlings slower than this are logged at WARN: a user waited for them. */
    private static final Duration SLOW_HANDLING = Duration.ofSeconds(1);

    private final Topology topology;
    private final EnvelopeCodec codec;
    private final InteractionProcessor processor;
    private final AnswerSender answers;
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

    EventPipeline(Topology topology, EnvelopeCodec codec, InteractionProcessor processor,
                 AnswerSender answers, DeadLetters deadLetters, WorkerMetrics metrics, int maxDeliver,
                 NatsTracing tracing, DatabaseGate databaseGate, LifecycleHandler lifecycle) {
        this.lifecycle = lifecycle;
        this.topology = topology;
        this.codec = codec;
        this.processor = processor;
        this.answers = answers;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.maxDeliver = maxDeliver;
        this.tracing = tracing;
        this.databaseGate = databaseGate;
    }

    /**
     * Processes inside a span that continues the gateway's trace, carried in the message headers.
     *
     * @return false when the event was handed back for a later attempt (the intake counts it as dropped), true when
     *     it was settled: acked, or parked in the dead-letter stream
     */
    boolean process(Message message) {
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
            return handleInSpan(message);
        } finally {
            span.end();
        }
    }

    private boolean handleInSpan(Message message) {
        Instant started = Instant.now();
        long delivered = message.metaData().deliveredCount();
        if (delivered > 1) {
            metrics.redelivery();
        }
        if (delivered >= maxDeliver) {
            // The server would drop the event after this delivery; park it where an operator can see it.
            deadLetter(message, "max-deliveries", "delivered " + delivered + " times without success", delivered);
            return true;
        }
        if (topology.isLifecycleSubject(message.getSubject())) {
            return handleLifecycle(message, delivered);
        }
        InteractionEnvelope envelope;
        try {
            envelope = codec.decode(message.getData());
        } catch (MalformedEnvelopeException e) {
            deadLetter(message, "malformed", "malformed envelope: " + e.getMessage(), delivered);
            return true;
        }
        if (delivered == 1) {
            metrics.queueWait(Duration.between(envelope.receivedAt(), started)); // a redelivery's wait is its backoff
        }
        if (envelope.kind() == InteractionKind.UNKNOWN) {
            // No handler can serve a type the runtime cannot parse; the gateway forwarded it intact, so an
            // operator finds it in the dead-letter stream (deadLetter logs the one line).
            deadLetter(message, "unknown-type", "unknown interaction type " + envelope.type(), delivered);
            return true;
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
            return false;
        }
        if (answers.send(envelope, answer) == AnswerSender.Result.RETRY_LATER) {
            nak(message, retryDelay(delivered), "discord");
            return false;
        }
        answer.failure().ifPresent(why -> copyToDeadLetters(message, why, delivered));
        try {
            message.ack();
        } catch (RuntimeException e) {
            // Connection closed under us: JetStream redelivers after ackWait; the ledger says it was delivered.
            log.warn("cannot ack interaction {}: {}", envelope.interactionId(), e.toString());
            return true;
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
        return true;
    }

    private boolean handleLifecycle(Message message, long delivered) {
        GuildLifecycleEnvelope event;
        try {
            event = GuildLifecycleEnvelope.decode(LIFECYCLE_JSON, message.getData());
        } catch (MalformedEnvelopeException e) {
            deadLetter(message, "malformed", "malformed lifecycle event: " + e.getMessage(), delivered);
            return true;
        }
        try {
            lifecycle.apply(event);
        } catch (SQLException e) {
            log.warn("lifecycle event {} of guild {} not applied, retrying later: {}", event.event().label(),
                    event.guildId(), e.getMessage());
            nak(message, retryDelay(delivered), "database");
            return false;
        }
        try {
            message.ack();
        } catch (RuntimeException e) {
            log.warn("cannot ack lifecycle event of guild {}: {}", event.guildId(), e.toString());
        }
        return true;
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
