package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Two environments on one NATS (and one PostgreSQL) never see each other's events. */
class EnvironmentIsolationIT {

    @Test
    void eachEnvironmentsWorkerSeesOnlyItsOwnEvents() throws Exception {
        try (TestEnvironment blue = new TestEnvironment(); TestEnvironment green = new TestEnvironment()) {
            RecordingResponder blueDiscord = new RecordingResponder("blue");
            RecordingResponder greenDiscord = new RecordingResponder("green");
            blue.worker("blue", HandlerCatalog.of(new TestPing()), blueDiscord, TestEnvironment.fastSettings());
            green.worker("green", HandlerCatalog.of(new TestPing()), greenDiscord, TestEnvironment.fastSettings());

            List<InteractionEnvelope> blueEvents = List.of(TestEnvironment.command("ping"), TestEnvironment.command("ping"));
            List<InteractionEnvelope> greenEvents = List.of(TestEnvironment.command("ping"));
            for (InteractionEnvelope e : blueEvents) {
                blue.publish(e, e.interactionId());
            }
            for (InteractionEnvelope e : greenEvents) {
                green.publish(e, e.interactionId());
            }
            await("blue answered", () -> blueDiscord.sent().size() >= 2);
            await("green answered", () -> greenDiscord.sent().size() >= 1);

            assertEquals(ids(blueEvents), blueDiscord.sent().stream().map(RecordingResponder.Sent::interactionId)
                    .collect(Collectors.toSet()));
            assertEquals(ids(greenEvents), greenDiscord.sent().stream().map(RecordingResponder.Sent::interactionId)
                    .collect(Collectors.toSet()));
            assertEquals(2, blue.rows(null));
            assertEquals(1, green.rows(null));
        }
    }

    private static java.util.Set<String> ids(List<InteractionEnvelope> events) {
        return events.stream().map(InteractionEnvelope::interactionId).collect(Collectors.toSet());
    }
}
