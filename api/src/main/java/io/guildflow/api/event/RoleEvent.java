package io.guildflow.api.event;

import java.util.Optional;

/**
 * {@code GUILD_ROLE_CREATE}, {@code GUILD_ROLE_UPDATE} (with the role object) and {@code GUILD_ROLE_DELETE} (with
 * its id only).
 */
public record RoleEvent(JsonView json) implements EventView {

    public String roleId() {
        return json.snowflake("role_id").orElseGet(() -> Views.id(json.object("role"), "id"));
    }

    /** Empty on delete. */
    public Optional<String> name() {
        return json.object("role").string("name");
    }

    /** The role's permission bits; empty on delete or when Discord sends something unreadable. */
    public Optional<Long> permissions() {
        try {
            return json.object("role").string("permissions").map(Long::parseUnsignedLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
