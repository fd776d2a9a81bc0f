package io.guildflow.testkit.model;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Everything the emulated Discord knows: bot user, guilds, users, DM channels, messages, commands. */
public final class World {
    private final Snowflakes ids = new Snowflakes();
    private final EmulatedUser bot;
    private final int usersPerGuild;
    private final long guildIdBase;
    private final List<GuildState> guilds = new CopyOnWriteArrayList<>();
    private final List<EmulatedUser> users = new CopyOnWriteArrayList<>();
    private int guildsCreated;
    private final Map<Long, Long> dmChannels = new ConcurrentHashMap<>();
    private final MessageStore messages;
    private final CommandStore commands;
    private final Instant joinedAt;

    public World(long applicationId, String botName, int guildCount, int usersPerGuild, Clock clock) {
        this.bot = new EmulatedUser(applicationId, botName, true);
        this.commands = new CommandStore(ids, applicationId);
        this.messages = new MessageStore(500, bot.snowflake());
        this.joinedAt = clock.instant().minusSeconds(86_400);
        this.usersPerGuild = usersPerGuild;
        // Guild id timestamps are consecutive milliseconds starting at a multiple of 840 (lcm of 1..8), so
        // guild i lands on shard i % n for every shard count n from 1 to 8: guilds spread over all shards.
        long now = System.currentTimeMillis() - Snowflakes.DISCORD_EPOCH - 86_400_000L;
        this.guildIdBase = now - now % 840 + Snowflakes.DISCORD_EPOCH;
        for (int g = 0; g < guildCount; g++) {
            guilds.add(newGuild("Guild " + (g + 1)));
        }
    }

    /** Creates a guild with its members, channels and roles (the next guild index, so shards stay balanced). */
    private synchronized GuildState newGuild(String name) {
        int g = guildsCreated++;
        long guildId = Snowflakes.at(guildIdBase + g, 1);
        List<GuildMember> members = new ArrayList<>();
        for (int u = 0; u < usersPerGuild; u++) {
            EmulatedUser user = new EmulatedUser(ids.next(), "user" + (g + 1) + "_" + (u + 1));
            users.add(user);
            members.add(new GuildMember(user, List.of(), null, joinedAt));
        }
        GuildState state = new GuildState(
                guildId, name, members.isEmpty() ? bot.snowflake() : members.get(0).user().snowflake(), members, joinedAt,
                ids.next());
        long category = ids.next();
        // the text channel comes first: EmulatedGuild.textChannelId() is channels().get(0)
        state.addChannel(Payloads.channel(ids.next(), guildId, "general", 0, 0, category));
        state.addChannel(Payloads.channel(category, guildId, "Text Channels", 4, 0, null));
        return state;
    }

    /** The bot joins a new guild (its id continues the shard-balanced sequence); returns it. */
    public GuildState join(String name) {
        GuildState g = newGuild(name);
        guilds.add(g);
        return g;
    }

    /** The bot leaves (or is removed from) a guild; false if it was not in it. */
    public boolean leave(long guildId) {
        return guilds.removeIf(g -> g.id() == guildId);
    }

    /** A user Discord has never shown the bot before (e.g. someone about to join a guild). */
    public EmulatedUser newUser(String username) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a user needs a name");
        }
        EmulatedUser user = new EmulatedUser(ids.next(), username);
        users.add(user);
        return user;
    }

    public Snowflakes ids() {
        return ids;
    }

    public EmulatedUser bot() {
        return bot;
    }

    /** The guilds the bot is in now (a read-only live view). */
    public List<GuildState> guilds() {
        return Collections.unmodifiableList(guilds);
    }

    public List<EmulatedUser> users() {
        return Collections.unmodifiableList(users);
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
        if (userId == bot.snowflake()) {
            return Optional.of(bot);
        }
        return users.stream().filter(u -> u.snowflake() == userId).findFirst();
    }

    /** A member of {@code guild}, the bot included (with its managed role, since the world began). */
    public Optional<GuildMember> member(GuildState guild, long userId) {
        if (userId == bot.snowflake()) {
            return Optional.of(new GuildMember(bot, List.of(Json.id(guild.botRoleId())), null, joinedAt));
        }
        return guild.member(userId);
    }

    /**
     * The user as a member of {@code guild} for a payload: their membership, or, for a user a test makes act in a
     * guild they are not in, one without roles or nickname since the world began.
     */
    public GuildMember memberView(GuildState guild, EmulatedUser user) {
        return member(guild, user.snowflake()).orElseGet(() -> new GuildMember(user, List.of(), null, joinedAt));
    }

    /** The DM channel between the bot and {@code user}, created on first use. */
    public long dmChannel(EmulatedUser user) {
        return dmChannels.computeIfAbsent(user.snowflake(), k -> ids.next());
    }

    /** Which guild owns this channel or thread, if any. */
    public Optional<GuildState> guildOfChannel(long channelId) {
        return guilds.stream().filter(g -> g.channel(channelId).isPresent()).findFirst();
    }

    public boolean isDmChannel(long channelId) {
        return dmChannels.containsValue(channelId);
    }

    /** The user at the other end of a DM channel with the bot. */
    public Optional<EmulatedUser> dmRecipient(long channelId) {
        return dmChannels.entrySet().stream().filter(e -> e.getValue() == channelId).findFirst()
                .flatMap(e -> user(e.getKey()));
    }
}
