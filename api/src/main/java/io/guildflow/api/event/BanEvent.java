package io.guildflow.api.event;

import io.guildflow.api.User;

/** {@code GUILD_BAN_ADD} and {@code GUILD_BAN_REMOVE}. */
public record BanEvent(JsonView json) implements EventView {

    public User user() {
        return Views.user(json.object("user"));
    }
}
