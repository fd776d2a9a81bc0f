package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.discord.Responded;
import io.guildflow.worker.discord.DiscordResponder;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.sql.Connection;
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
                new ConsumerSettings(1, Duration.ofSeconds(2), ConsumerSettings.DEFAULT.maxDeliver()),
                new TransactionLimits(Duration.ofMillis(300), Duration.ofSeconds(5)));
        InteractionEnvelope held = TestEnvironment.command("ping");
        try (Connection peer = env.sql()) {
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

    /**
     * A hot row (one signup, many clicks) queues handlers on its lock: each wait is shorter than lock_timeout
     * but together they pass the handler limit. A handler that got its locks and finished late keeps its work
     * and answer; an apology would lose the click (found by the signup kill test).
     */
    @Test
    void aHandlerThatFinishesAfterTheLimitWaitingForLocksKeepsItsAnswer() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        Locking queued = Locking.advisory();
        env.worker("a", env.connect("a"), HandlerCatalog.of(queued), discord, TestEnvironment.fastSettings(),
                new TransactionLimits(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        InteractionEnvelope envelope = TestEnvironment.command("queued");
        try (Connection holder = env.sql()) {
            for (int i = 0; i < Locking.LOCKS; i++) {
                holder.createStatement().execute("SELECT pg_advisory_lock(" + (Locking.FIRST_LOCK + i) + ")");
            }
            env.publish(envelope, envelope.interactionId());
            await("the handler waits for the first lock", () -> waitingForAdvisoryLocks() == 1);
            for (int i = 0; i < Locking.LOCKS; i++) {
                Thread.sleep(800); // each wait inside the 1 s lock_timeout, together past the 2 s limit
                holder.createStatement().execute("SELECT pg_advisory_unlock(" + (Locking.FIRST_LOCK + i) + ")");
            }
        }

        await("the queued handler is answered", () -> !discord.sentFor(envelope.interactionId()).isEmpty());
        assertTrue(queued.took.get() > 2_000, "the handler ran past the limit: " + queued.took.get() + " ms");
        assertEquals("got the locks", discord.sentFor(envelope.interactionId()).get(0).callback()
                .path("data").path("content").asText());
        assertEquals(1, env.rows("outcome = 'answered'"));
        assertEquals(0, env.rows("outcome = 'failed'"));
    }

    /** One statement queued for a row past statement_timeout: contention, retried, never an apology. */
    @Test
    void aStatementTimedOutWaitingForARowIsRetriedNotApologisedFor() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", env.connect("a"), HandlerCatalog.of(new Locking("hot", "SELECT * FROM hot_rows WHERE id = 1 FOR UPDATE")), discord, TestEnvironment.fastSettings(),
                new TransactionLimits(Duration.ofSeconds(3), Duration.ofSeconds(1)));
        env.execute("CREATE TABLE " + env.schema() + ".hot_rows (id int PRIMARY KEY)");
        env.execute("INSERT INTO " + env.schema() + ".hot_rows VALUES (1)");
        InteractionEnvelope envelope = TestEnvironment.command("hot");
        try (Connection holder = env.sql()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT * FROM " + env.schema() + ".hot_rows WHERE id = 1 FOR UPDATE");
            env.publish(envelope, envelope.interactionId());
            Thread.sleep(2_500); // the handler's statement times out (1 s) waiting for this row, at least once
            holder.rollback();
        }

        await("the handler is answered once the row is free", () -> !discord.sentFor(envelope.interactionId()).isEmpty());
        assertEquals("got the locks", discord.sentFor(envelope.interactionId()).get(0).callback()
                .path("data").path("content").asText());
        assertEquals(0, env.rows("outcome = 'failed'"));
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
    void anAnswerDiscordDidNotTakeStaysUnsentAndTheRetrySendsIt() throws Exception {
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

        // Sending marks the row first; the failed send must roll the mark back, or the retry would
        // find the answer "sent" and only ack.
        await("the retry sends the stored answer", () -> !recorded.sentFor(envelope.interactionId()).isEmpty());
        await("the event is acked", () -> pending() == 0);
        assertEquals(2, attempts.get());
        assertEquals(1, env.rows("delivered_at IS NOT NULL"));
    }

    @Test
    void aWorkerLostAfterAFollowUpLeavesTheRedeliveryNothingToSendAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        DiscordResponder lostAfterTheFollowUp = new DiscordResponder() {
            @Override
            public Responded respond(InteractionEnvelope envelope, ResponseBodies response) {
                throw new AssertionError("the worker passes the follow-up record");
            }

            @Override
            public Responded respond(InteractionEnvelope envelope, ResponseBodies response,
                                          BeforeFollowUps beforeFollowUps) throws Exception {
                attempts.incrementAndGet();
                beforeFollowUps.run();
                // the follow-up reached Discord, then the worker lost its way before finishing the send
                throw new DiscordApiException("POST", "webhooks/{id}/{token}", 503, 0, "unavailable", null, false);
            }
        };
        env.worker("a", env.connect("a"), HandlerCatalog.of(new TestPing()), lostAfterTheFollowUp,
                TestEnvironment.fastSettings());
        InteractionEnvelope envelope = TestEnvironment.command("ping");
        env.publish(envelope, envelope.interactionId());

        await("the redelivery is acked", () -> delivered() == 1 && pending() == 0);
        assertEquals(1, attempts.get(), "a follow-up has no idempotency key: the redelivery must not send it again");
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

    private long waitingForAdvisoryLocks() {
        try {
            return env.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    + " AND objid BETWEEN " + Locking.FIRST_LOCK + " AND " + (Locking.FIRST_LOCK + Locking.LOCKS));
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
    /** Runs its statements (each waiting for a lock the test holds), then answers. */
    static final class Locking implements SlashCommand {
        static final long FIRST_LOCK = 4_242_001L;
        static final int LOCKS = 3;
        private final String name;
        private final java.util.List<String> statements;
        final java.util.concurrent.atomic.AtomicLong took = new java.util.concurrent.atomic.AtomicLong();

        Locking(String name, String... statements) {
            this.name = name;
            this.statements = java.util.List.of(statements);
        }

        /** Takes the test's advisory locks one after the other. */
        static Locking advisory() {
            return new Locking("queued", java.util.stream.LongStream.range(FIRST_LOCK, FIRST_LOCK + LOCKS)
                    .mapToObj(lock -> "SELECT pg_advisory_xact_lock(" + lock + ")").toArray(String[]::new));
        }

        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of(name, "Waits for locks");
        }

        @Override
        public Response handle(CommandContext context) throws SQLException {
            long start = System.nanoTime();
            for (String statement : statements) {
                try (PreparedStatement lock = context.sql().prepareStatement(statement)) {
                    lock.execute();
                }
            }
            took.set((System.nanoTime() - start) / 1_000_000);
            return Response.reply("got the locks");
        }
    }

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
