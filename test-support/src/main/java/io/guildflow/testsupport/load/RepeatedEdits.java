package io.guildflow.testsupport.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.recording.InteractionAnswer;
import io.guildflow.testkit.recording.InteractionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits of {@code @original} that showed nothing new: the message already was what the edit made it. That is the
 * trace of one answer sent twice (a worker killed after Discord took it, before it recorded the send, and a
 * redelivery sending it again), which the user does not see but which is still a duplicate send.
 */
final class RepeatedEdits {
    /** What the user sees of a message; {@code flags} too, so the edit that ends a deferral's "thinking…" is new. */
    private static final List<String> VISIBLE = List.of("content", "embeds", "components", "flags");

    private RepeatedEdits() {
    }

    /** How many edits of the interaction's message repeated what it showed already. */
    static int count(InteractionRecord record) {
        return record.answers().size() - withoutRepeats(record.answers()).size();
    }

    /** The answers but the edits that repeated what the message showed already. */
    static List<InteractionAnswer> withoutRepeats(List<InteractionAnswer> answers) {
        List<InteractionAnswer> kept = new ArrayList<>(answers.size());
        JsonNode shown = null;
        for (InteractionAnswer answer : answers) {
            if (answer.kind().equals(InteractionAnswer.EDIT)) {
                if (shown == null || answer.body() == null || !sameOnScreen(shown, answer.body())) {
                    kept.add(answer);
                }
                shown = answer.body();
            } else {
                shown = answer.kind().equals(InteractionAnswer.RESPONSE) ? answer.body() : shown;
                kept.add(answer);
            }
        }
        return kept;
    }

    private static boolean sameOnScreen(JsonNode before, JsonNode after) {
        return VISIBLE.stream().allMatch(field -> before.path(field).equals(after.path(field)));
    }
}
