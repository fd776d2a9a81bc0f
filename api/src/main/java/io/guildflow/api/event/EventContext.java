package io.guildflow.api.event;

import io.guildflow.api.DiscordActions;
import io.guildflow.api.GuildConfig;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;

/** What an event handler may use for one gateway event: the interaction context without the answer. */
public interface EventContext {

    /** Discord's dispatch name ({@code MESSAGE_CREATE}). */
    String eventType();

    /**
     * Whether this event is handled exactly once: true when it carries a key of its own (a message id, …; see
     * docs/events.md). When false, a second gateway on the same shard may deliver it twice: keep state (a reaction
     * is there or not), never count arrivals.
     */
    boolean exactlyOnce();

    /** The guild it happened in; empty in direct messages. */
    Optional<String> guildId();

    /** The guild's configuration (empty in direct messages and for guilds never set up). */
    GuildConfig guildConfig();

    /**
     * The transaction's connection: what you write here commits together with the record that this event was
     * handled, or not at all. Commit, rollback, close and auto-commit belong to Guildflow and are refused.
     */
    Connection sql();

    /** Posts and edits of channel messages, sent once after this event's transaction commits. */
    DiscordActions discord();

    /** When the gateway received the event from Discord. */
    Instant receivedAt();

    /** Now, by the worker's clock. */
    Instant now();
}
