package io.guildflow.testkit.model;

import java.util.List;

/**
 * Snapshot of a guild: its id, name, channel ids (the first is the default text channel) and its members
 * (the bot's own member is not included).
 */
public record EmulatedGuild(long id, String name, List<Long> channels, List<EmulatedUser> members) {
    public EmulatedGuild {
        channels = List.copyOf(channels);
        members = List.copyOf(members);
    }

    /** The default text channel ("general"). */
    public long textChannelId() {
        return channels.get(0);
    }

    public String idString() {
        return Long.toUnsignedString(id);
    }
}
