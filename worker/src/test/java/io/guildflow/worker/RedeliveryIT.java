package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.commands.PingCommand;
import io.guildflow.worker.dispatch.CommandCatalog;
import io.guildflow.worker.handler.CommandContext;
import io.guildflow.worker.handler.CommandHandler;
import io.guildflow.worker.handler.CommandSpec;
import io.guildflow.worker.handler.Reply;
import io.nats.client.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A worker dies between receiving an event and committing it: another worker handles it, once. */
class RedeliveryIT {
    private TestEnvironment env;

    @BeforeEach
    void setUp() throws Exception {
        env = new TestEnvironment();
    }

    @AfterEach
    void tearDown() throws Exception {
        env.close();
    }

    /** Worker A's /ping: holds the interaction until the test has cut A off, then loses its database connection. */
    static final class DyingPing implements CommandHandler {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public CommandSpec spec() {
            return new PingCommand().spec();
        }

        @Override
        public Reply handle(CommandContext ctx) throws Exception {
            entered.countDown();
            assertTrue(release.await(30, TimeUnit.SECONDS));
            // What a killed process does to its transaction: the socket goes, PostgreSQL rolls back.
            ctx.sql().unwrap(java.sql.Connection.class).abort(Runnable::run);
            return Reply.message("A should never be heard");
        }
    }

    @Test
    void eventOfAWorkerThatDiedBeforeCommittingIsHandledByAnotherWorkerExactlyOnce() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        DyingPing dying = new DyingPing();
        Connection natsA = env.connect("a");
        env.worker("a", natsA, CommandCatalog.of(dying), discord, TestEnvironment.fastSettings());

        InteractionEnvelope envelope = TestEnvironment.command("ping");
        env.publish(envelope, envelope.interactionId());
        assertTrue(dying.entered.await(30, TimeUnit.SECONDS), "worker A received the event");

        natsA.close(); // abrupt: no graceful worker close, no nak
        dying.release.countDown();
        env.worker("b", CommandCatalog.of(new PingCommand()), discord.sibling("b"), TestEnvironment.fastSettings());

        await("worker B answers after A's ack wait elapsed", () -> !discord.sentFor(envelope.interactionId()).isEmpty());
        assertEquals(1, discord.sent().size(), "exactly one answer");
        RecordingResponder.Sent answer = discord.sent().get(0);
        assertEquals("b", answer.responderName());
        assertTrue(answer.callback().path("data").path("content").asText().startsWith("pong"));
        await("B's row committed", () -> rows("worker_id = 'b'") == 1);
        assertEquals(1, rows(null), "exactly one ledger row");
    }

    private long rows(String where) {
        try {
            return env.rows(where);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
