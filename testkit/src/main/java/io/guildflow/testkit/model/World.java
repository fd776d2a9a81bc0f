package io.guildflow.testkit.model;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Everything the emulated Discord knows: bot user, guilds, users, DM channels, messages, commands. */
public final class World {
    private final Snowflakes ids = new Snowflakes();
    private final EmulatedUser bot;
    private final List<GuildState> guilds;
    private final List<EmulatedUser> users;
    private final Map<Long, Long> dmChannels = new ConcurrentHashMap<>();
    private final MessageStore messages = new MessageStore(500);
    private final CommandStore commands;
    private final Instant joinedAt;

    public World(long applicationId, String botName, int guildCount, int usersPerGuild, Clock clock) {
        this.bot = new EmulatedUser(applicationId, botName, true);
        this.commands = new CommandStore(ids, applicationId);
        this.joinedAt = clock.instant().minusSeconds(86_400);
        // Guild id timestamps are consecutive milliseconds starting at a multiple of 840 (lcm of 1..8), so
        // guild i lands on shard i % n for every shard count n from 1 to 8: guilds spread over all shards.
        long now = System.currentTimeMillis() - Snowflakes.DISCORD_EPOCH - 86_400_000L;
        long base = now - now % 840 + Snowflakes.DISCORD_EPOCH;
        List<GuildState> gs = new ArrayList<>();
        List<EmulatedUser> us = new ArrayList<>();
        for (int g = 0; g < guildCount; g++) {
            long guildId = Snowflakes.at(base + g, 1);
            List<EmulatedUser> members = new ArrayList<>();
            for (int u = 0; u < usersPerGuild; u++) {
                EmulatedUser user = new EmulatedUser(ids.next(), "user" + (g + 1) + "_" + (u + 1));
                members.add(user);
                us.add(user);
            }
            GuildState state = new GuildState(
                    guildId, "Guild " + (g + 1), members.isEmpty() ? bot.id() : members.get(0).id(), members, joinedAt,
                    ids.next());
            long category = ids.next();
            // the text channel comes first: EmulatedGuild.textChannelId() is channels().get(0)
            state.addChannel(Payloads.channel(ids.next(), guildId, "general", 0, 0, category));
            state.addChannel(Payloads.channel(category, guildId, "Text Channels", 4, 0, null));
            gs.add(state);
        }
        this.guilds = List.copyOf(gs);
        this.users = List.copyOf(us);
    }

    public Snowflakes ids() {
        return ids;
    }

    public EmulatedUser bot() {
        return bot;
    }

    public List<GuildState> guilds() {
        return guilds;
    }

    public List<EmulatedUser> users() {
        return users;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public MessageStore messages() {
        return messages;
    }

    public CommandStore commands() {
        return commands;
    }

    public Optional<GuildState> guild(long guildId) {
        return guilds.stream().filter(g -> g.id() == guildId).findFirst();
    }

    public Optional<EmulatedUser> user(long userId) {
        if (userId == bot.id()) {
            return Optional.of(bot);
        }
        return users.stream().filter(u -> u.id() == userId).findFirst();
    }

    /** The DM channel between the bot and {@code user}, created on first use. */
    public long dmChannel(EmulatedUser user) {
        return dmChannels.computeIfAbsent(user.id(), k -> ids.next());
    }

    /** Which guild owns this channel, if any. */
    public Optional<GuildState> guildOfChannel(long channelId) {
        return guilds.stream().filter(g -> g.channel(channelId).isPresent()).findFirst();
    }

    public boolean isDmChannel(long channelId) {
        return dmChannels.containsValue(channelId);
    }
}
