package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A worker dies between receiving an event and committing it: another worker handles it, once. */
class RedeliveryIT {
    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    @Test
    void eventOfAWorkerThatDiedBeforeCommittingIsHandledByAnotherWorkerExactlyOnce() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        DyingPing dying = new DyingPing();
        Connection natsA = env.connect("a");
        env.worker("a", natsA, HandlerCatalog.of(dying), discord, TestEnvironment.fastSettings());

        InteractionEnvelope envelope = TestEnvironment.command("ping");
        env.publish(envelope, envelope.interactionId());
        assertTrue(dying.awaitEntered(java.time.Duration.ofSeconds(30)), "worker A received the event");

        natsA.close(); // abrupt: no graceful worker close, no nak
        dying.kill();
        env.worker("b", HandlerCatalog.of(new TestPing()), discord.sibling("b"), TestEnvironment.fastSettings());

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
