package io.guildflow.api.event;

import java.util.Optional;

/** What every typed event view has: Discord's {@code d} object and the guild it concerns. */
public interface EventView {

    /** The dispatch's {@code d} object as Discord sent it, for fields the view has no method for. */
    JsonView json();

    /** The guild it happened in; empty in direct messages. */
    default Optional<String> guildId() {
        return json().snowflake("guild_id");
    }
}
