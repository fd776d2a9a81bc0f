package io.guildflow.testkit.gateway;

import java.time.Duration;

/** The {@code session_start_limit} object of {@code GET /gateway/bot}. */
public record SessionStartLimit(int total, int remaining, Duration resetAfter, int maxConcurrency) {}
