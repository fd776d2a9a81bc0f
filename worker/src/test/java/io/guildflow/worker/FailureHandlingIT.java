package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.discord.DiscordResponder;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Failures never stall a worker: held locks, stuck handlers, refused answers and redeliveries of delivered answers. */
class FailureHandlingIT {
    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    @Test
    void aClaimHeldByAHungPeerDoesNotBlockTheWorkerAndIsHandledOnceItIsReleased() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", env.connect("a"), HandlerCatalog.of(new TestPing()), discord,
                TestEnvironment.fastSettings().withConcurrency(1),
                new TransactionLimits(Duration.ofMillis(300), Duration.ofSeconds(5)));
        InteractionEnvelope held = TestEnvironment.command("ping");
        try (Connection peer = DriverManager.getConnection(TestEnvironment.PG_URL, TestEnvironment.PG_USER, null)) {
            peer.setAutoCommit(false);
            claimAsAPeer(peer, held);
            env.publish(held, held.interactionId());
            InteractionEnvelope next = TestEnvironment.command("ping");
            env.publish(next, next.interactionId());

            // One slot only: without lock_timeout the held event would block this one for good.
            await("the next event is answered while the first is held", () -> !discord.sentFor(next.interactionId()).isEmpty());
            assertTrue(discord.sentFor(held.interactionId()).isEmpty(), "the held event waits for its peer");
            peer.rollback();
        }
        await("the held event is answered after the peer let go", () -> !discord.sentFor(held.interactionId()).isEmpty());
        assertEquals(1, discord.sentFor(held.interactionId()).size());
        assertEquals(2, env.rows("worker_id = 'a'"));
    }

    @Test
    void aStuckHandlerIsCutOffAtTheLimitAnswersWithAnApologyAndIsDeadLettered() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", env.connect("a"), HandlerCatalog.of(new Stuck()), discord, TestEnvironment.fastSettings(),
                new TransactionLimits(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        InteractionEnvelope envelope = TestEnvironment.command("stuck");
        env.publish(envelope, envelope.interactionId());

        await("the stuck handler is cut off and the user told", () -> !discord.sentFor(envelope.interactionId()).isEmpty());
        RecordingResponder.Sent answer = discord.sentFor(envelope.interactionId()).get(0);
        assertEquals(64, answer.callback().path("data").path("flags").asInt() & 64, "the apology is ephemeral");
        assertEquals(1, env.rows("outcome = 'failed'"));
        await("a copy is in the dead-letter stream", () -> dlqCount() == 1);
        MessageInfo dead = env.admin().jetStreamManagement().getMessage(env.topology().deadLetterStreamName(), 1);
        assertTrue(dead.getHeaders().getFirst(Topology.HEADER_DLQ_REASON).startsWith("handler ran past the PT1S limit"),
                dead.getHeaders().getFirst(Topology.HEADER_DLQ_REASON));
    }

    @Test
    void aRedeliveryOfAnAnswerDiscordAcceptedIsAckedWithoutCallingDiscordAgain() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", env.connect("a"), HandlerCatalog.of(new TestPing()), discord, TestEnvironment.fastSettings());
        InteractionEnvelope envelope = TestEnvironment.command("ping");
        env.publish(envelope, envelope.interactionId());
        await("answered", () -> !discord.sentFor(envelope.interactionId()).isEmpty());
        await("delivery recorded", () -> rows("delivered_at IS NOT NULL") == 1);

        // What a lost ack looks like to the worker: the same interaction delivered again.
        env.publish(envelope, "again-" + envelope.interactionId());
        await("the second delivery is acked", () -> pending() == 0 && delivered() == 2);
        assertEquals(1, discord.sentFor(envelope.interactionId()).size(), "Discord was called once");
    }

    @Test
    void aPermanentDiscordRefusalIsNotRetried() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        DiscordResponder refusing = (envelope, response) -> {
            attempts.incrementAndGet();
            throw new DiscordApiException("POST", "interactions/{id}/{token}/callback", 403, 50001, "Missing Access",
                    null, false);
        };
        env.worker("a", env.connect("a"), HandlerCatalog.of(new TestPing()), refusing, TestEnvironment.fastSettings());
        InteractionEnvelope envelope = TestEnvironment.command("ping");
        env.publish(envelope, envelope.interactionId());

        await("the event is acked", () -> delivered() == 1 && pending() == 0);
        Thread.sleep(1_500); // a retry would come after 1 s
        assertEquals(1, attempts.get(), "no retry of a 403");
        assertEquals(1, env.rows("delivered_at IS NOT NULL"), "given up for good: a redelivery would only ack");
    }

    @Test
    void anAnswerDiscordDidNotTakeStaysUndeliveredAndTheRetrySendsIt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RecordingResponder recorded = new RecordingResponder("a");
        DiscordResponder failingOnce = (envelope, response) -> {
            if (attempts.incrementAndGet() == 1) {
                throw new DiscordApiException("POST", "interactions/{id}/{token}/callback", 503, 0, "unavailable",
                        null, false);
            }
            return recorded.respond(envelope, response);
        };
        env.worker("a", env.connect("a"), HandlerCatalog.of(new TestPing()), failingOnce, TestEnvironment.fastSettings());
        InteractionEnvelope envelope = TestEnvironment.command("ping");
        env.publish(envelope, envelope.interactionId());

        // The delivery marks the row before sending; the failed send must roll the mark back, or the retry would
        // find the answer "delivered" and only ack.
        await("the retry delivers the stored answer", () -> !recorded.sentFor(envelope.interactionId()).isEmpty());
        await("the event is acked", () -> pending() == 0);
        assertEquals(2, attempts.get());
        assertEquals(1, env.rows("delivered_at IS NOT NULL"));
    }

    private void claimAsAPeer(Connection peer, InteractionEnvelope envelope) throws SQLException {
        try (PreparedStatement insert = peer.prepareStatement("INSERT INTO " + env.schema()
                + ".handled_interactions (interaction_id, kind, routing_key, outcome, received_at, worker_id)"
                + " VALUES (?, 'command', 'ping', 'in_progress', now(), 'peer')")) {
            insert.setString(1, envelope.interactionId());
            insert.executeUpdate();
        }
    }

    private long rows(String where) {
        try {
            return env.rows(where);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private long dlqCount() {
        try {
            return env.admin().jetStreamManagement().getStreamInfo(env.topology().deadLetterStreamName())
                    .getStreamState().getMsgCount();
        } catch (IOException | JetStreamApiException e) {
            throw new AssertionError(e);
        }
    }

    private long pending() {
        try {
            var info = env.admin().jetStreamManagement().getConsumerInfo(env.topology().streamName(),
                    env.topology().consumerName());
            return info.getNumAckPending() + info.getNumPending();
        } catch (IOException | JetStreamApiException e) {
            throw new AssertionError(e);
        }
    }

    private long delivered() {
        try {
            return env.admin().jetStreamManagement().getConsumerInfo(env.topology().streamName(),
                    env.topology().consumerName()).getAckFloor().getStreamSequence();
        } catch (IOException | JetStreamApiException e) {
            throw new AssertionError(e);
        }
    }

    /** Never returns by itself: blocks until interrupted. */
    static final class Stuck implements SlashCommand {
        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("stuck", "Never finishes");
        }

        @Override
        public Response handle(CommandContext context) {
            try {
                Thread.sleep(Duration.ofMinutes(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return Response.reply("never");
        }
    }
}
