package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.api.CommandContext;
import io.guildflow.api.SlashCommand;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.worker.dispatch.TransactionLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A deploy stops a worker mid-handler: the event is handed back and another worker answers it. */
class GracefulShutdownIT {
    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    @Test
    void closingAWorkerHandsItsUnfinishedEventToAnotherWorker() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        SlashCommand stuck = new SlashCommand() {
            @Override
            public CommandDefinition definition() {
                return new TestPing().definition();
            }

            @Override
            public Response handle(CommandContext ctx) throws Exception {
                entered.countDown();
                new CountDownLatch(1).await(); // only the shutdown's interrupt ends this
                return Response.reply("never");
            }
        };
        RecordingResponder discord = new RecordingResponder("a");
        ConsumerSettings slowRedelivery = new ConsumerSettings(4, Duration.ofSeconds(30),
                ConsumerSettings.DEFAULT.maxDeliver());
        Worker a = env.worker("a", env.connect("a"), env.database("a"), HandlerCatalog.of(stuck), discord,
                TestEnvironment.settings(slowRedelivery, TransactionLimits.DEFAULT), Duration.ofMillis(500));
        InteractionEnvelope envelope = TestEnvironment.command("ping");
        env.publish(envelope, envelope.interactionId());
        assertTrue(entered.await(30, TimeUnit.SECONDS));

        a.close();
        assertFalse(a.consumerBound());
        // ackWait is 30 s: B answering within the await's window shows the event was nak'ed, not timed out.
        env.worker("b", HandlerCatalog.of(new TestPing()), discord.sibling("b"), TestEnvironment.fastSettings());

        await("B answers the handed-back event", () -> !discord.sentFor(envelope.interactionId()).isEmpty());
        assertEquals(1, discord.sent().size());
        assertEquals("b", discord.sent().get(0).responderName());
        await("one row, by B", () -> rowsByB() == 1);
        assertEquals(1, env.rows(null));
    }

    /**
     * Every worker stops at once (compose stop, a node drained) while interactions keep arriving: an event pulled
     * as a worker stops goes back once it has unsubscribed. Handed back at once instead, its still-open pull
     * request brought it straight back, again and again, until {@code MAX_DELIVER} dead-lettered it unhandled.
     */
    @Test
    void everyWorkerStoppingUnderTrafficHandsEventsBackWithoutUsingUpTheirDeliveries() throws Exception {
        // Two stopping workers may each take an event once before the third: the fourth delivery would be its last.
        ConsumerSettings fourDeliveries = new ConsumerSettings(4, Duration.ofSeconds(10), 4);
        RecordingResponder discord = new RecordingResponder("a");
        List<Worker> stopping = List.of(
                env.worker("a", HandlerCatalog.of(new TestPing()), discord, fourDeliveries),
                env.worker("b", HandlerCatalog.of(new TestPing()), discord.sibling("b"), fourDeliveries));
        List<String> ids = new ArrayList<>();
        Thread closer = new Thread(() -> stopping.parallelStream().forEach(Worker::close));
        for (int i = 0; i < 150; i++) {
            if (i == 50) {
                closer.start();
            }
            InteractionEnvelope envelope = TestEnvironment.command("ping");
            env.publish(envelope, envelope.interactionId());
            ids.add(envelope.interactionId());
            Thread.sleep(10);
        }
        closer.join();
        env.worker("c", HandlerCatalog.of(new TestPing()), discord.sibling("c"), fourDeliveries);

        await("every interaction answered", () -> ids.stream().noneMatch(id -> discord.sentFor(id).isEmpty()));
        for (String id : ids) {
            assertEquals(1, discord.sentFor(id).size(), "answered once: " + id);
        }
        assertEquals(0, env.admin().jetStreamManagement().getStreamInfo(env.topology().deadLetterStreamName())
                .getStreamState().getMsgCount(), "nothing dead-lettered");
    }

    private long rowsByB() {
        try {
            return env.rows("worker_id = 'b'");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
