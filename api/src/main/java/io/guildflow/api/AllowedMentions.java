package io.guildflow.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who a message may ping. The default is {@link #none()}: content often echoes user input, and a
 * bot should never ping {@code @everyone} or a role because a user typed it.
 *
 * @param parse mention kinds Discord may parse from the content
 * @param users user ids that may be pinged (only when {@code parse} lacks USERS)
 * @param roles role ids that may be pinged (only when {@code parse} lacks ROLES)
 */
public record AllowedMentions(Set<Kind> parse, List<String> users, List<String> roles) {
    public enum Kind {
        USERS, ROLES, EVERYONE
    }

    private static final int MAX_IDS = 100;

    public AllowedMentions {
        parse = Set.copyOf(Objects.requireNonNull(parse, "parse"));
        users = List.copyOf(users);
        roles = List.copyOf(roles);
        DiscordLimits.requireCount("allowed_mentions.users", users, 0, MAX_IDS);
        DiscordLimits.requireCount("allowed_mentions.roles", roles, 0, MAX_IDS);
        DiscordLimits.require(users.isEmpty() || !parse.contains(Kind.USERS),
                "allowed_mentions: list users or parse USERS, not both");
        DiscordLimits.require(roles.isEmpty() || !parse.contains(Kind.ROLES),
                "allowed_mentions: list roles or parse ROLES, not both");
    }

    public static AllowedMentions none() {
        return new AllowedMentions(Set.of(), List.of(), List.of());
    }

    /** Pings exactly these users, nobody else. */
    public static AllowedMentions users(String... userIds) {
        return new AllowedMentions(Set.of(), List.of(userIds), List.of());
    }

    public static AllowedMentions parse(Kind... kinds) {
        return new AllowedMentions(Set.of(kinds), List.of(), List.of());
    }
}
