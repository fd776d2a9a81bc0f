package io.guildflow.testkit.model;

import java.time.Instant;
import java.util.List;

/**
 * A user's membership of one guild: its role ids, nickname (null for none) and when this membership began. A user
 * who leaves and joins again is a new membership with a new {@code joinedAt}, as on Discord.
 */
public record GuildMember(EmulatedUser user, List<String> roles, String nick, Instant joinedAt) {
    public GuildMember {
        roles = List.copyOf(roles);
    }

    public GuildMember withRoles(List<String> newRoles) {
        return new GuildMember(user, newRoles, nick, joinedAt);
    }

    public GuildMember withNick(String newNick) {
        return new GuildMember(user, roles, newNick, joinedAt);
    }
}
