package io.guildflow.api;

import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;

/** What every handler may use for one interaction. */
public interface InteractionContext {

    /**
     * Discord's id of this interaction: a snowflake, so ids order interactions by the time Discord
     * created them. Handlers of one guild may run on different workers and in any order (a
     * redelivery, a slow worker). To make a user's rapid clicks end in the state of the later one,
     * store {@code Long.parseUnsignedLong(interactionId())} with the row the click decides, lock that
     * row, and ignore a click whose id is lower than the stored one.
     */
    String interactionId();

    /** Empty in direct messages. */
    Optional<String> guildId();

    String channelId();

    /** Who clicked, typed or submitted. */
    User user();

    /** The member's permissions in this channel; {@link Permissions#NONE} in direct messages. */
    Permissions memberPermissions();

    /** The user's client language, e.g. {@code en-US}. */
    String locale();

    /** The guild's configuration (empty in direct messages and for guilds never set up). */
    GuildConfig guildConfig();

    /**
     * The transaction's connection: what you write here commits together with the record that this
     * interaction was handled. Commit, rollback, close and auto-commit belong to Guildflow and are
     * refused; savepoints are fine.
     */
    Connection sql();

    /**
     * Posts and edits of channel messages, sent exactly once after this interaction's transaction
     * commits (see {@link DiscordActions}).
     */
    DiscordActions discord();

    /** When the gateway received the interaction from Discord. */
    Instant receivedAt();

    /** Now, by the worker's clock (a test clock in tests). */
    Instant now();
}
