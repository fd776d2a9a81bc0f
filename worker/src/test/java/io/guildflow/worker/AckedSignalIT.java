package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The {@code acked} signal that stands the gateway's acknowledgement guard down. */
class AckedSignalIT {
    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    @Test
    void theGuardIsToldAsSoonAsDiscordHasTheAnswerBeforeTheSentMarkIsCommittedAndOnce() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", env.connect("a"), HandlerCatalog.of(new TestPing()), discord, TestEnvironment.fastSettings());
        // Every commit that marks an answer sent takes a second: a signal sent after the commit would find the row
        // marked, one sent as soon as Discord took the answer finds it not marked yet.
        env.execute("CREATE FUNCTION " + env.schema() + ".slow_commit() RETURNS trigger LANGUAGE plpgsql AS"
                + " 'BEGIN PERFORM pg_sleep(1); RETURN NULL; END'");
        env.execute("CREATE CONSTRAINT TRIGGER slow_sent_mark AFTER UPDATE OF delivered_at ON " + env.schema()
                + ".handled_interactions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "
                + env.schema() + ".slow_commit()");
        InteractionEnvelope envelope = TestEnvironment.command("ping");
        List<Long> unsentRowsAtSignal = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        Connection gateway = env.connect("gateway");
        Dispatcher signals = gateway.createDispatcher(message -> {
            bodies.add(new String(message.getData(), java.nio.charset.StandardCharsets.US_ASCII));
            try {
                unsentRowsAtSignal.add(env.rows("interaction_id = '" + envelope.interactionId()
                        + "' AND delivered_at IS NULL"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        signals.subscribe(env.topology().ackedSubject(envelope.interactionId()));
        gateway.flush(Duration.ofSeconds(2));

        env.publish(envelope, envelope.interactionId());
        await("the sent mark is committed", () -> rowsSent() == 1);
        Thread.sleep(300); // a second signal would have arrived by now

        assertEquals(List.of(1L), unsentRowsAtSignal, "one signal, sent before the sent mark was committed");
        assertEquals(1, discord.sentFor(envelope.interactionId()).size());
        // answered by one callback: the signal says how long Discord took, for the guard's reserve
        assertTrue(bodies.get(0).matches("\\d+"), "milliseconds as text: '" + bodies.get(0) + "'");
    }

    private long rowsSent() {
        try {
            return env.rows("delivered_at IS NOT NULL");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
