package io.guildflow.testkit.event;

import io.guildflow.testkit.gateway.GatewayHub;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Snowflakes;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.World;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;

/**
 * Members of a guild: joins, leaves, updates, bans and voice, each a change of the guild's state and the gateway
 * event Discord sends for it, under the guild's lock. The bot's own membership is the guild lifecycle's
 * ({@code joinGuild}, {@code leaveGuild}), not this.
 */
public final class MemberEvents {
    private static final Set<Integer> VOICE_CHANNEL_TYPES = Set.of(2, 13);

    private final World world;
    private final GatewayHub hub;
    private final Clock clock;

    public MemberEvents(EventContext context) {
        this.world = context.world();
        this.hub = context.hub();
        this.clock = context.clock();
    }

    /** The user joins (again, after leaving: a new {@code joined_at}): GUILD_MEMBER_ADD. */
    public GuildMember join(GuildState guild, EmulatedUser user) {
        notTheBot(user);
        synchronized (guild) {
            GuildMember member = new GuildMember(user, List.of(), null, clock.instant());
            guild.roster().add(member);
            hub.dispatchEvent(guild.id(), "GUILD_MEMBER_ADD", EventPayloads.member(guild.id(), member));
            return member;
        }
    }

    /** The member leaves or is kicked: GUILD_MEMBER_REMOVE. */
    public void leave(GuildState guild, EmulatedUser user) {
        notTheBot(user);
        synchronized (guild) {
            guild.roster().remove(user.snowflake());
            hub.dispatchEvent(guild.id(), "GUILD_MEMBER_REMOVE", EventPayloads.guildUser(guild.id(), user));
        }
    }

    /** The member's nickname (null: none) and roles change: GUILD_MEMBER_UPDATE. */
    public GuildMember update(GuildState guild, EmulatedUser user, String nick, List<String> roles) {
        notTheBot(user);
        synchronized (guild) {
            for (String roleId : roles) {
                long role = Snowflakes.parse(roleId);
                if (role == guild.id() || guild.role(role).isEmpty()) {
                    throw new NoSuchElementException("unknown role " + Json.id(role) + " in guild " + guild.idString()
                            + (role == guild.id() ? " (@everyone is never listed)" : ""));
                }
            }
            GuildMember old = Require.member(world, guild, user);
            GuildMember updated = guild.roster().replace(old.withNick(nick).withRoles(roles));
            hub.dispatchEvent(guild.id(), "GUILD_MEMBER_UPDATE", EventPayloads.member(guild.id(), updated));
            return updated;
        }
    }

    /**
     * The user is banned: GUILD_BAN_ADD, then GUILD_MEMBER_REMOVE if they were a member. IllegalStateException if
     * already banned.
     */
    public void ban(GuildState guild, EmulatedUser user) {
        notTheBot(user);
        synchronized (guild) {
            if (!guild.roster().ban(user.snowflake())) {
                throw new IllegalStateException(user.username() + " is already banned from guild " + guild.idString());
            }
            hub.dispatchEvent(guild.id(), "GUILD_BAN_ADD", EventPayloads.guildUser(guild.id(), user));
            if (guild.member(user.snowflake()).isPresent()) {
                guild.roster().remove(user.snowflake());
                hub.dispatchEvent(guild.id(), "GUILD_MEMBER_REMOVE", EventPayloads.guildUser(guild.id(), user));
            }
        }
    }

    /** The ban is lifted: GUILD_BAN_REMOVE. IllegalStateException if the user was not banned. */
    public void unban(GuildState guild, EmulatedUser user) {
        synchronized (guild) {
            if (!guild.roster().unban(user.snowflake())) {
                throw new IllegalStateException(user.username() + " is not banned from guild " + guild.idString());
            }
            hub.dispatchEvent(guild.id(), "GUILD_BAN_REMOVE", EventPayloads.guildUser(guild.id(), user));
        }
    }

    /** The member joins a voice or stage channel, or leaves voice ({@code channelId} null): VOICE_STATE_UPDATE. */
    public void voice(GuildState guild, EmulatedUser user, Long channelId) {
        notTheBot(user);
        synchronized (guild) {
            GuildMember member = Require.member(world, guild, user);
            if (channelId != null) {
                Require.channel(guild, channelId, VOICE_CHANNEL_TYPES, "is not a voice or stage channel");
            }
            guild.roster().voice(user.snowflake(), channelId);
            hub.dispatchEvent(guild.id(), "VOICE_STATE_UPDATE", Payloads.voiceState(guild.id(), member, channelId,
                    UUID.randomUUID().toString().replace("-", "")));
        }
    }

    private void notTheBot(EmulatedUser user) {
        if (user.snowflake() == world.bot().snowflake()) {
            throw new IllegalArgumentException("the bot's own membership is the guild lifecycle's: joinGuild,"
                    + " leaveGuild");
        }
    }
}
