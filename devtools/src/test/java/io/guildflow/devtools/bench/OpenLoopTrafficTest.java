package io.guildflow.devtools.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testkit.recording.InteractionRecord.Refusal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the next phase of a benchmark may start: nothing of the last one may still be on its way. */
class OpenLoopTrafficTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anAnsweredInteractionIsSettled() {
        assertTrue(OpenLoopTraffic.settled(record(4, List.of(), 0, T.plusMillis(5))));
    }

    @Test
    void aDeferralStillWaitingForItsEditIsOutstanding() {
        assertFalse(OpenLoopTraffic.settled(record(5, List.of(), 0, null)));
        assertFalse(OpenLoopTraffic.settled(record(5, List.of(new Refusal(T, 4, 400, 40060)), 0, null)),
                "the worker's refused callback is followed by its edit");
        assertFalse(OpenLoopTraffic.settled(record(null, List.of(), 0, null)), "not acknowledged at all yet");
    }

    @Test
    void anInteractionRefusedAsTooLateIsSettled() {
        assertTrue(OpenLoopTraffic.settled(record(null, List.of(new Refusal(T.plusSeconds(4), 5, 404, 10062)), 0, null)));
    }

    private static InteractionRecord record(Integer acknowledgementType, List<Refusal> refusals, int edits,
                                            Instant respondedAt) {
        return new InteractionRecord("1", "token", 2, "ping", "10", "20", "30", 0, T,
                acknowledgementType == null ? null : T.plusMillis(2), acknowledgementType,
                acknowledgementType == null ? 0 : 1, refusals, null, null, edits, List.of(), respondedAt, List.of());
    }
}
