package io.guildflow.api.event;

import java.util.Optional;

/** {@code GUILD_UPDATE}: the guild's settings changed; the payload is the whole guild object (without members). */
public record GuildUpdateEvent(JsonView json) implements EventView {

    @Override
    public Optional<String> guildId() {
        return json.snowflake("id");
    }

    public String name() {
        return json.string("name").orElse("");
    }

    public Optional<String> ownerId() {
        return json.snowflake("owner_id");
    }

    /** The channel for system messages (joins, boosts), if set. */
    public Optional<String> systemChannelId() {
        return json.snowflake("system_channel_id");
    }
}
