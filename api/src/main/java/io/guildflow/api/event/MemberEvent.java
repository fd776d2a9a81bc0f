package io.guildflow.api.event;

import io.guildflow.api.User;
import java.util.List;
import java.util.Optional;

/**
 * {@code GUILD_MEMBER_ADD}, {@code GUILD_MEMBER_UPDATE} and {@code GUILD_MEMBER_REMOVE} (which carries only the guild
 * and the user). All need {@link Intent#GUILD_MEMBERS}, a privileged intent.
 */
public record MemberEvent(JsonView json) implements EventView {

    public User user() {
        return Views.user(json.object("user"));
    }

    /** The member's role ids; empty on removal. */
    public List<String> roleIds() {
        return json.strings("roles");
    }

    /** The guild nickname, if any. */
    public Optional<String> nick() {
        return json.string("nick");
    }

    /** When the user joined (ISO-8601); empty on removal. */
    public Optional<String> joinedAt() {
        return json.string("joined_at");
    }

    /** Whether the member has not yet passed the guild's membership screening. */
    public boolean pending() {
        return json.bool("pending").orElse(false);
    }
}
