package io.guildflow.testkit.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Who is in one guild (in join order, the bot not included), who is banned, and who sits in which voice channel.
 * Changes throw {@link IllegalStateException} where Discord would refuse them (the owner leaving or banned, a banned
 * user joining), so a test cannot build a guild Discord could not have.
 */
public final class GuildMembers {
    private final Map<Long, GuildMember> members = new LinkedHashMap<>();
    private final Set<Long> banned = new HashSet<>();
    private final Map<Long, Long> voiceChannels = new HashMap<>();
    private final long ownerId;

    GuildMembers(List<GuildMember> initial, long ownerId) {
        this.ownerId = ownerId;
        initial.forEach(m -> members.put(m.user().snowflake(), m));
    }

    /** Current members in join order. */
    public synchronized List<GuildMember> list() {
        return List.copyOf(members.values());
    }

    public synchronized List<EmulatedUser> users() {
        List<EmulatedUser> users = new ArrayList<>(members.size());
        members.values().forEach(m -> users.add(m.user()));
        return List.copyOf(users);
    }

    public synchronized Optional<GuildMember> get(long userId) {
        return Optional.ofNullable(members.get(userId));
    }

    public synchronized int count() {
        return members.size();
    }

    /** Adds a member; IllegalStateException if the user is banned or already a member. */
    public synchronized void add(GuildMember member) {
        long id = member.user().snowflake();
        if (banned.contains(id)) {
            throw new IllegalStateException(member.user().username() + " is banned from this guild: unban first");
        }
        if (members.containsKey(id)) {
            throw new IllegalStateException(member.user().username() + " is already a member of this guild");
        }
        members.put(id, member);
    }

    /** Removes a member; NoSuchElementException if not one, IllegalStateException for the owner. */
    public synchronized GuildMember remove(long userId) {
        if (userId == ownerId) {
            throw new IllegalStateException("the guild's owner cannot leave or be removed");
        }
        GuildMember gone = members.remove(userId);
        if (gone == null) {
            throw new NoSuchElementException("user " + Json.id(userId) + " is not a member of this guild");
        }
        voiceChannels.remove(userId);
        return gone;
    }

    public synchronized GuildMember replace(GuildMember member) {
        if (!members.containsKey(member.user().snowflake())) {
            throw new NoSuchElementException(member.user().username() + " is not a member of this guild");
        }
        members.put(member.user().snowflake(), member);
        return member;
    }

    /** Bans a user (member or not; never the owner); false if already banned. */
    public synchronized boolean ban(long userId) {
        if (userId == ownerId) {
            throw new IllegalStateException("the guild's owner cannot be banned");
        }
        return banned.add(userId);
    }

    public synchronized boolean unban(long userId) {
        return banned.remove(userId);
    }

    public synchronized boolean isBanned(long userId) {
        return banned.contains(userId);
    }

    /** Moves a member into a voice channel, or out of voice ({@code channelId} null). */
    public synchronized void voice(long userId, Long channelId) {
        if (channelId == null) {
            voiceChannels.remove(userId);
        } else {
            voiceChannels.put(userId, channelId);
        }
    }

    /** Members in voice: user id to channel id. */
    public synchronized Map<Long, Long> voiceChannels() {
        return Map.copyOf(voiceChannels);
    }
}
