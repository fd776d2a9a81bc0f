package io.guildflow.worker.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.TestPing;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private static final Connection UNUSED = (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> null);
    private final Dispatcher dispatcher = new Dispatcher(HandlerCatalog.of(new TestPing()), Clock.systemUTC());

    static InteractionEnvelope interaction(int type, String data) throws Exception {
        return InteractionEnvelope.fromDiscord(new ObjectMapper().readTree(
                "{\"id\":\"1\",\"token\":\"t\",\"type\":" + type + ",\"channel_id\":\"2\",\"user\":{\"id\":\"3\"},"
                        + "\"data\":" + data + "}"), Instant.EPOCH, 0);
    }

    @Test
    void unknownCommandGetsAnEphemeralExplanationAndABoundedMetricTag() throws Exception {
        Answer answer = dispatcher.dispatch(interaction(2, "{\"name\":\"gone\"}"), UNUSED);
        assertEquals(Outcome.UNKNOWN_COMMAND, answer.outcome());
        assertEquals("unknown", answer.metricTag());
        assertEquals("gone", dispatcher.target(interaction(2, "{\"name\":\"gone\"}")).key());
        assertEquals("Unknown command /gone", callback(answer).path("data").path("content").asText());
    }

    @Test
    void unhandledComponentsModalsAndAutocompleteAreAnsweredNeverStalled() throws Exception {
        var component = dispatcher.dispatch(interaction(3, "{\"custom_id\":\"btn\",\"component_type\":2}"), UNUSED);
        assertEquals(Outcome.UNHANDLED, component.outcome());
        assertEquals(64, callback(component).path("data").path("flags").asInt());
        var modal = dispatcher.dispatch(interaction(5, "{\"custom_id\":\"form\"}"), UNUSED);
        assertEquals(Dispatcher.UNHANDLED_MODAL, callback(modal).path("data").path("content").asText());
        var autocomplete = dispatcher.dispatch(interaction(4, "{\"name\":\"ping\"}"), UNUSED);
        assertEquals(8, callback(autocomplete).path("type").asInt());
        assertEquals(0, callback(autocomplete).path("data").path("choices").size());
    }

    @Test
    void anInteractionOfATypeNobodyKnowsIsAnsweredWithoutAHandlerShouldOneReachTheDispatcher() throws Exception {
        var unknown = dispatcher.dispatch(interaction(99, "{\"name\":\"ping\",\"custom_id\":\"ping\"}"), UNUSED);
        assertEquals(Outcome.UNHANDLED, unknown.outcome());
        assertEquals("type-99", dispatcher.target(interaction(99, "{\"name\":\"ping\",\"custom_id\":\"ping\"}")).key());
        assertEquals("unknown", unknown.metricTag());
        assertEquals(Dispatcher.UNSUPPORTED, callback(unknown).path("data").path("content").asText());
    }

    @Test
    void theTargetIsFoundOnceAndNamesKeyTagAndHandler() throws Exception {
        Dispatcher.Target ping = dispatcher.target(interaction(2, "{\"name\":\"ping\"}"));
        assertEquals("ping", ping.key());
        assertEquals("ping", ping.metricTag());
        assertTrue(ping.call().isPresent());
        Dispatcher.Target menu = dispatcher.target(interaction(2, "{\"name\":\"ping\",\"type\":2}"));
        assertTrue(menu.call().isEmpty(), "a user menu named like a slash command is not that command");
        assertEquals(Outcome.UNKNOWN_COMMAND, menu.unhandledOutcome());
        assertEquals("unknown", menu.metricTag());
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode callback(Answer answer) {
        return answer.response().callback();
    }

    @Test
    void handlersCannotEndTheLedgerTransaction() {
        Connection guarded = GuardedConnection.guard(UNUSED);
        assertThrows(IllegalStateException.class, guarded::commit);
        assertThrows(IllegalStateException.class, guarded::close);
        assertThrows(IllegalStateException.class, guarded::rollback);
        assertThrows(IllegalStateException.class, () -> guarded.setAutoCommit(true));
    }
}
