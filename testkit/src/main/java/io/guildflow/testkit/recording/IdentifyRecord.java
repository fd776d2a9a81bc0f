package io.guildflow.testkit.recording;

import java.time.Instant;

/**
 * One IDENTIFY the gateway received with a valid token and shard.
 *
 * @param at when it arrived, on the emulator clock
 * @param bucket Discord's {@code rate_limit_key}: {@code shard % max_concurrency}
 * @param outcome whether a session was started, or why not (both refusals are answered with op 9, d false)
 */
public record IdentifyRecord(Instant at, int shard, int shardCount, int bucket, Outcome outcome) {

    public enum Outcome {
        /** A session was started and counted against {@code session_start_limit}. */
        ACCEPTED,
        /** Another IDENTIFY of the same bucket was accepted less than 5 s earlier. */
        CONCURRENCY_LIMITED,
        /** {@code session_start_limit.remaining} was 0. */
        SESSION_START_LIMIT_EXHAUSTED
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
