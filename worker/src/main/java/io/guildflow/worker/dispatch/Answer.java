package io.guildflow.worker.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The committed result of one interaction, ready to be delivered.
 *
 * @param callback the stored interaction callback body; null only for rows without one
 * @param replay   true when an earlier attempt (or another worker) had committed it; the handler did not run
 * @param metricTag bounded-cardinality command tag
 */
public record Answer(String interactionId, Outcome outcome, String metricTag, ObjectNode callback, boolean replay) {
}
