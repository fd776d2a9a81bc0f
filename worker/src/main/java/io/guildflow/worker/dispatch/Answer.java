package io.guildflow.worker.dispatch;

import io.guildflow.common.discord.ResponseBodies;
import java.util.Optional;

/**
 * One interaction's answer as Discord's documents: what its handler returned (or the dispatcher, for what no handler
 * takes), the apology after a failure, or what the ledger holds from an earlier attempt.
 *
 * @param response  the stored Discord documents of the answer; null only for rows without one
 * @param replay    true when an earlier attempt (or another worker) had committed it; the handler did not run
 * @param sent      true when Discord already accepted this answer: send nothing, only ack
 * @param metricTag bounded-cardinality command tag
 * @param failure   why the handler failed (the answer is then the apology); empty otherwise
 */
public record Answer(String interactionId, Outcome outcome, String metricTag, ResponseBodies response, boolean replay,
                     boolean sent, Optional<String> failure) {

    static Answer fresh(String interactionId, Outcome outcome, String metricTag, ResponseBodies response) {
        return new Answer(interactionId, outcome, metricTag, response, false, false, Optional.empty());
    }

    static Answer failed(String interactionId, String metricTag, ResponseBodies apology, String failure) {
        return new Answer(interactionId, Outcome.FAILED, metricTag, apology, false, false, Optional.of(failure));
    }
}
