package io.guildflow.common.discord.governor;

/**
 * Sheds requests while the cluster's invalid requests in the window approach Discord's ban
 * (10,000 in ten minutes gets the IP banned by Cloudflare, interactions included): the outbox
 * stops at {@code threshold}, setup at twice it; interactions are never shed, they are what the
 * breaker protects.
 */
record Breaker(int threshold) {
    /** Discord's own number; the threshold must stay well below it. */
    static final int DISCORD_BAN = 10_000;

    Breaker {
        if (threshold < 1 || 2L * threshold >= DISCORD_BAN) {
            throw new IllegalArgumentException("breaker threshold must be between 1 and " + (DISCORD_BAN / 2 - 1));
        }
    }

    boolean sheds(Priority priority, long invalidInWindow) {
        return switch (priority) {
            case INTERACTION -> false;
            case SETUP -> invalidInWindow >= 2L * threshold;
            case OUTBOX -> invalidInWindow >= threshold;
        };
    }

    /** 0 closed, 1 shedding the outbox, 2 shedding setup too. */
    int state(long invalidInWindow) {
        return sheds(Priority.SETUP, invalidInWindow) ? 2 : sheds(Priority.OUTBOX, invalidInWindow) ? 1 : 0;
    }
}
