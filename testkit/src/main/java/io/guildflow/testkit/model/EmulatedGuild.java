package io.guildflow.testkit.model;

import java.util.List;

/**
 * Snapshot of a guild: its id, name, channel ids (the first is the default text channel) and its members
 * (the bot's own member is not included). Ids are Strings, as in {@code io.guildflow.api}, so a test compares them
 * with what a handler stored directly.
 */
public record EmulatedGuild(String id, String name, List<String> channels, List<EmulatedUser> members) {
    public EmulatedGuild {
        channels = List.copyOf(channels);
        members = List.copyOf(members);
    }

    /** The default text channel ("general"). */
    public String textChannelId() {
        return channels.get(0);
    }
}
