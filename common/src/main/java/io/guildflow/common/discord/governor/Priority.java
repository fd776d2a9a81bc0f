package io.guildflow.common.discord.governor;

/**
 * Who is asking, highest first. Interaction callbacks and interaction webhooks are exempt from
 * Discord's global limit (Discord documents this), so they never queue behind the global bucket;
 * the invalid-request breaker sheds from the bottom of this list.
 */
public enum Priority {
    /** Callbacks and webhook calls on an interaction token: a user is waiting, 3 s at most. */
    INTERACTION,
    /** Command registration and {@code guildflow setup}: rare, operator-driven. */
    SETUP,
    /** Channel posts and edits the outbox sends for handlers and scheduled jobs: bulk, may wait. */
    OUTBOX;

    boolean globallyLimited() {
        return this != INTERACTION;
    }
}
