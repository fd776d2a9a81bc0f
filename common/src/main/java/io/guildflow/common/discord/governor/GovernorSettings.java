package io.guildflow.common.discord.governor;

import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import java.util.UUID;

/**
 * The bot's REST budget, the same on every process of the environment.
 *
 * @param globalLimit      {@code DISCORD_GLOBAL_RATE_LIMIT}: Discord's global limit for this bot, requests per
 *                         second (50 unless Discord raised it), split across the live processes
 * @param breakerThreshold {@code DISCORD_INVALID_REQUEST_BREAKER}: invalid requests (401, 403, 429) of the whole
 *                         cluster in ten minutes at which the outbox is shed, setup at twice it; Discord bans the
 *                         IP at 10,000
 */
public record GovernorSettings(int globalLimit, int breakerThreshold) {
    public static final int DEFAULT_GLOBAL_LIMIT = 50;
    public static final int DEFAULT_BREAKER_THRESHOLD = 1000;
    static final int MAX_GLOBAL_LIMIT = 100_000;
    static final int MAX_BREAKER_THRESHOLD = Breaker.DISCORD_BAN / 2 - 1;

    public GovernorSettings {
        new Breaker(breakerThreshold); // validates
        if (globalLimit < 1) {
            throw new IllegalArgumentException("global limit must be positive");
        }
    }

    public static GovernorSettings defaults() {
        return new GovernorSettings(DEFAULT_GLOBAL_LIMIT, DEFAULT_BREAKER_THRESHOLD);
    }

    public static GovernorSettings from(EnvironmentValues values) {
        return new GovernorSettings(
                values.wholeNumber("DISCORD_GLOBAL_RATE_LIMIT", DEFAULT_GLOBAL_LIMIT, 1, MAX_GLOBAL_LIMIT,
                        "requests per second, 1 to " + MAX_GLOBAL_LIMIT + " (50 unless Discord raised the bot's limit)"),
                values.wholeNumber("DISCORD_INVALID_REQUEST_BREAKER", DEFAULT_BREAKER_THRESHOLD, 1,
                        MAX_BREAKER_THRESHOLD, "1 to " + MAX_BREAKER_THRESHOLD
                                + " invalid requests in ten minutes (twice it must stay below Discord's 10,000)"));
    }

    /**
     * This process's part of the bot's budget, shared over {@code nats} with every process of the
     * environment that uses the same token; close it before the connection.
     */
    public RestGovernor sharedOver(Connection nats, Topology topology, String botToken) {
        return NatsBudgetLink.open(nats, topology, botToken, this, UUID.randomUUID().toString());
    }

    /** This process alone: setup, tests. */
    public RestGovernor alone() {
        return RestGovernor.alone(globalLimit, breakerThreshold);
    }
}
