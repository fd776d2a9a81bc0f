package io.guildflow.common.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TopologyWatchTest {

    /** A part whose gap and refusal the test sets, recording what it was asked to recreate. */
    private static final class FakePart implements TopologyWatch.Part {
        final List<List<String>> recreated = new ArrayList<>();
        final boolean gates;
        List<String> missing = List.of();
        RuntimeException refusal;
        IOException unanswered;

        FakePart(boolean gates) {
            this.gates = gates;
        }

        @Override
        public List<String> missing() throws IOException {
            if (unanswered != null) {
                throw unanswered;
            }
            return missing;
        }

        @Override
        public void recreate(List<String> what) throws IOException, JetStreamApiException {
            recreated.add(what);
            if (refusal != null) {
                throw refusal;
            }
            missing = List.of();
        }

        @Override
        public boolean gatesReadiness() {
            return gates;
        }
    }

    private final AtomicBoolean connected = new AtomicBoolean(true);

    @Test
    void whatIsMissingIsRecreatedAndTheStateStaysPresent() {
        FakePart part = new FakePart(true);
        TopologyWatch watch = new TopologyWatch(connected::get, List.of(part), "test");
        watch.check();
        assertEquals(List.of(), part.recreated, "nothing missing, nothing recreated");
        part.missing = List.of("stream S missing");
        watch.check();
        assertEquals(List.of(List.of("stream S missing")), part.recreated);
        assertEquals(new TopologyWatch.State(true, "present"), watch.state());
        watch.close();
    }

    @Test
    void aRefusalIsTheReadinessDetailUntilRecreatingSucceeds() {
        FakePart part = new FakePart(true);
        TopologyWatch watch = new TopologyWatch(connected::get, List.of(part), "test");
        part.missing = List.of("consumer C missing");
        part.refusal = new IllegalStateException("cannot create JetStream consumer C: permissions violation\nmore");
        watch.check();
        assertFalse(watch.state().ok());
        assertEquals("consumer C missing: cannot create JetStream consumer C: permissions violation",
                watch.state().detail(), "one line, what and why");
        watch.check();
        assertEquals(2, part.recreated.size(), "tried again every round");
        part.refusal = null;
        watch.check();
        assertTrue(watch.state().ok(), watch.state().detail());
        watch.close();
    }

    @Test
    void aPartThatDoesNotGateReadinessIsRepairedWithoutMakingTheRoleUnready() {
        FakePart events = new FakePart(false);
        TopologyWatch watch = new TopologyWatch(connected::get, List.of(events), "test");
        events.missing = List.of("2 of 2 gateway-event consumers missing or replaced");
        events.refusal = new IllegalStateException("refused");
        watch.check();
        assertTrue(watch.state().ok(), watch.state().detail());
        assertEquals(1, events.recreated.size());
        watch.close();
    }

    @Test
    void afterNatsWasAwayNothingCountsAsPresentUntilTheServerAnswers() {
        FakePart part = new FakePart(true);
        TopologyWatch watch = new TopologyWatch(connected::get, List.of(part), "test");
        watch.check();
        assertTrue(watch.state().ok());
        connected.set(false);
        watch.check();
        assertEquals(new TopologyWatch.State(false, "not checked since NATS reconnected"), watch.state());
        connected.set(true);
        part.unanswered = new IOException("Timeout or no response waiting for NATS JetStream server");
        watch.check();
        assertFalse(watch.state().ok(), "no answer yet proves nothing: " + watch.state());
        part.unanswered = null;
        watch.check();
        assertTrue(watch.state().ok(), watch.state().detail());
        watch.close();
    }
}
