package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.InteractionKind;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.discord.Responded;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.guildflow.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Events that can never be processed end in the dead-letter stream; the queue keeps moving. */
class DeadLetterIT {
    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    @Test
    void malformedEventIsDeadLetteredWithItsReasonAndTheNextEventIsStillProcessed() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", HandlerCatalog.of(new TestPing()), discord, TestEnvironment.fastSettings());
        String subject = env.topology().guildSubject("4242", InteractionKind.COMMAND);
        env.publishRaw(subject, "{not json".getBytes(StandardCharsets.UTF_8), "garbage-1");
        InteractionEnvelope good = TestEnvironment.command("ping");
        env.publish(good, good.interactionId());

        await("the good event is answered", () -> !discord.sentFor(good.interactionId()).isEmpty());
        await("the malformed event is in the DLQ", () -> dlqCount() == 1);
        MessageInfo dead = env.admin().jetStreamManagement().getMessage(env.topology().deadLetterStreamName(), 1);
        assertEquals(env.topology().deadLetterSubject(InteractionKind.COMMAND), dead.getSubject());
        assertTrue(dead.getHeaders().getFirst(Topology.HEADER_DLQ_REASON).startsWith("malformed envelope"));
        assertEquals("1", dead.getHeaders().getFirst(Topology.HEADER_DELIVERY_COUNT));
        assertEquals(subject, dead.getHeaders().getFirst(Topology.HEADER_ORIGINAL_SUBJECT));
        assertEquals("{not json", new String(dead.getData(), StandardCharsets.UTF_8));
    }

    @Test
    void anInteractionOfATypeNobodyKnowsIsDeadLetteredUnderItsOwnKindAndNeverTakenForLifecycle() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", HandlerCatalog.of(new TestPing()), discord, TestEnvironment.fastSettings());
        ObjectNode raw = TestEnvironment.command("ping").raw().deepCopy();
        raw.put("id", "7777").put("token", "token-7777").put("type", 99);
        InteractionEnvelope future = InteractionEnvelope.fromDiscord(raw, java.time.Instant.now(), 0);
        env.publish(future, future.interactionId());
        InteractionEnvelope good = TestEnvironment.command("ping");
        env.publish(good, good.interactionId());

        await("the ping after it is answered", () -> !discord.sentFor(good.interactionId()).isEmpty());
        await("the unknown one is in the DLQ", () -> dlqCount() == 1);
        MessageInfo dead = env.admin().jetStreamManagement().getMessage(env.topology().deadLetterStreamName(), 1);
        assertEquals(env.topology().deadLetterSubject(InteractionKind.UNKNOWN), dead.getSubject());
        assertEquals("unknown interaction type 99", dead.getHeaders().getFirst(Topology.HEADER_DLQ_REASON));
        assertEquals("1", dead.getHeaders().getFirst(Topology.HEADER_DELIVERY_COUNT));
        assertEquals(env.topology().guildSubject("4242", InteractionKind.UNKNOWN),
                dead.getHeaders().getFirst(Topology.HEADER_ORIGINAL_SUBJECT));
        assertTrue(new String(dead.getData(), StandardCharsets.UTF_8).contains("\"type\":99"), "the event as it came");
        assertTrue(discord.sentFor(future.interactionId()).isEmpty(), "nothing can answer it");
        assertEquals(1, env.rows(null), "only the ping is in the ledger");
    }

    @Test
    void eventThatKeepsFailingIsDeadLetteredAtTheDeliveryLimitInsteadOfBeingDropped() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RecordingResponder recorder = new RecordingResponder("a");
        io.guildflow.worker.discord.DiscordResponder discordDown = (envelope, callback) -> {
            attempts.incrementAndGet();
            throw new IOException("Discord unreachable");
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Worker worker = new Worker(env.connect("a"), env.topology(), env.database("a"),
                HandlerCatalog.of(new TestPing()), discordDown, recorder, meters, TestEnvironment.tracing(),
                Clock.systemUTC(), "a", TestEnvironment.settings(new ConsumerSettings(4, Duration.ofSeconds(2), 2),
                TransactionLimits.DEFAULT), TestEnvironment.SHUTDOWN);
        try (worker) {
            worker.start();
            InteractionEnvelope envelope = TestEnvironment.command("ping");
            env.publish(envelope, envelope.interactionId());

            await("dead-lettered after the delivery limit", () -> dlqCount() == 1);
            MessageInfo dead = env.admin().jetStreamManagement().getMessage(env.topology().deadLetterStreamName(), 1);
            assertEquals("2", dead.getHeaders().getFirst(Topology.HEADER_DELIVERY_COUNT));
            assertTrue(dead.getHeaders().getFirst(Topology.HEADER_DLQ_REASON).startsWith("delivered 2 times"));
            assertEquals(1, attempts.get(), "one real attempt, the last delivery only parks the event");
            assertEquals(1, env.rows(null), "the handler's answer was committed once and kept for a replay");
            assertEquals(1.0, meters.get("guildflow.worker.dead_letters").counter().count());
        }
        assertTrue(recorder.sent().isEmpty());
    }

    private long dlqCount() {
        try {
            return env.admin().jetStreamManagement().getStreamInfo(env.topology().deadLetterStreamName())
                    .getStreamState().getMsgCount();
        } catch (IOException | JetStreamApiException e) {
            throw new AssertionError(e);
        }
    }
}
