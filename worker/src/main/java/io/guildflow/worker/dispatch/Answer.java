package io.guildflow.worker.dispatch;

import io.guildflow.common.discord.ResponseBodies;

/**
 * The committed result of one interaction, ready to be delivered.
 *
 * @param response the stored Discord documents of the answer; null only for rows without one
 * @param replay   true when an earlier attempt (or another worker) had committed it; the handler did not run
 * @param metricTag bounded-cardinality command tag
 */
public record Answer(String interactionId, Outcome outcome, String metricTag, ResponseBodies response, boolean replay) {
}
