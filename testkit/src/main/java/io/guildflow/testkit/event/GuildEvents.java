package io.guildflow.testkit.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.gateway.GatewayHub;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.GuildState.Kind;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.World;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A guild's structure: the guild itself, channels, threads and roles, plus AutoMod actions; each a change of the
 * guild's state and the gateway event Discord sends for it, under the guild's lock. The REST routes that create
 * channels and roles come here too, so the bot's own changes send the same events.
 */
public final class GuildEvents {
    private static final Set<Integer> THREAD_PARENT_TYPES = Set.of(0, 5);

    private final World world;
    private final GatewayHub hub;
    private final Clock clock;

    public GuildEvents(EventContext context) {
        this.world = context.world();
        this.hub = context.hub();
        this.clock = context.clock();
    }

    /** The guild is renamed: GUILD_UPDATE with the whole guild object. */
    public void rename(GuildState guild, String name) {
        requireName(name);
        synchronized (guild) {
            guild.rename(name);
            hub.dispatchEvent(guild.id(), "GUILD_UPDATE", Payloads.guild(guild));
        }
    }

    /** A channel (type 0 text, 2 voice, 4 category, 5 announcement, 13 stage, …) is created: CHANNEL_CREATE. */
    public ObjectNode createChannel(GuildState guild, String name, int type, Long parentId, String topic) {
        requireName(name);
        synchronized (guild) {
            ObjectNode channel = Payloads.channel(world.ids().next(), guild.id(), name, type, guild.channels().size(),
                    parentId);
            if (topic != null) {
                channel.put("topic", topic);
            }
            guild.addChannel(channel);
            hub.dispatchEvent(guild.id(), "CHANNEL_CREATE", channel.deepCopy());
            return channel.deepCopy();
        }
    }

    /** A channel is renamed: CHANNEL_UPDATE with the whole channel. */
    public ObjectNode renameChannel(GuildState guild, long channelId, String name) {
        requireName(name);
        synchronized (guild) {
            ObjectNode channel = guild.update(Kind.CHANNEL, channelId, c -> c.put("name", name));
            hub.dispatchEvent(guild.id(), "CHANNEL_UPDATE", channel.deepCopy());
            return channel.deepCopy();
        }
    }

    /** A channel is deleted (its threads go with it, silently): CHANNEL_DELETE with the channel as it was. */
    public void deleteChannel(GuildState guild, long channelId) {
        synchronized (guild) {
            ObjectNode channel = guild.remove(Kind.CHANNEL, channelId);
            guild.removeThreadsOf(channelId);
            hub.dispatchEvent(guild.id(), "CHANNEL_DELETE", channel);
        }
    }

    /** A role is created: GUILD_ROLE_CREATE. */
    public ObjectNode createRole(GuildState guild, String name, String permissions, Consumer<ObjectNode> details) {
        requireName(name);
        synchronized (guild) {
            ObjectNode role = Payloads.role(world.ids().next(), name, guild.roles().size(), permissions);
            details.accept(role);
            guild.addRole(role);
            hub.dispatchEvent(guild.id(), "GUILD_ROLE_CREATE", EventPayloads.role(guild.id(), role));
            return role.deepCopy();
        }
    }

    /** A role is renamed: GUILD_ROLE_UPDATE. */
    public ObjectNode renameRole(GuildState guild, long roleId, String name) {
        requireName(name);
        synchronized (guild) {
            ObjectNode role = guild.update(Kind.ROLE, roleId, r -> r.put("name", name));
            hub.dispatchEvent(guild.id(), "GUILD_ROLE_UPDATE", EventPayloads.role(guild.id(), role));
            return role.deepCopy();
        }
    }

    /**
     * A role is deleted (members holding it lose it, silently as on Discord): GUILD_ROLE_DELETE. {@code @everyone} and
     * the bot's managed role cannot be deleted.
     */
    public void deleteRole(GuildState guild, long roleId) {
        if (roleId == guild.id() || roleId == guild.botRoleId()) {
            throw new IllegalStateException("role " + Json.id(roleId) + " (@everyone or the bot's managed role) cannot"
                    + " be deleted");
        }
        synchronized (guild) {
            guild.remove(Kind.ROLE, roleId);
            for (GuildMember m : guild.roster().list()) {
                if (m.roles().contains(Json.id(roleId))) {
                    guild.roster().replace(m.withRoles(
                            m.roles().stream().filter(r -> !r.equals(Json.id(roleId))).toList()));
                }
            }
            hub.dispatchEvent(guild.id(), "GUILD_ROLE_DELETE", EventPayloads.roleDelete(guild.id(), roleId));
        }
    }

    /** A member starts a public thread in a text or announcement channel: THREAD_CREATE ({@code newly_created}). */
    public ObjectNode createThread(GuildState guild, long parentId, EmulatedUser owner, String name) {
        requireName(name);
        synchronized (guild) {
            Require.channel(guild, parentId, THREAD_PARENT_TYPES, "takes no threads");
            Require.member(world, guild, owner);
            ObjectNode thread = Payloads.thread(world.ids().next(), guild.id(), parentId, owner, name, clock.instant());
            guild.addThread(thread);
            hub.dispatchEvent(guild.id(), "THREAD_CREATE", EventPayloads.threadCreate(thread));
            return thread.deepCopy();
        }
    }

    /** A thread is renamed or (un)archived: THREAD_UPDATE with the whole thread. */
    public ObjectNode updateThread(GuildState guild, long threadId, String name, boolean archived) {
        requireName(name);
        synchronized (guild) {
            ObjectNode thread = guild.update(Kind.THREAD, threadId, t -> {
                t.put("name", name);
                ObjectNode meta = t.withObjectProperty("thread_metadata");
                if (meta.path("archived").asBoolean() != archived) {
                    meta.put("archived", archived);
                    meta.put("archive_timestamp", Payloads.timestamp(clock.instant()));
                }
            });
            hub.dispatchEvent(guild.id(), "THREAD_UPDATE", thread.deepCopy());
            return thread.deepCopy();
        }
    }

    /** A thread is deleted: THREAD_DELETE with its id, guild, parent and type. */
    public void deleteThread(GuildState guild, long threadId) {
        synchronized (guild) {
            ObjectNode thread = guild.remove(Kind.THREAD, threadId);
            hub.dispatchEvent(guild.id(), "THREAD_DELETE", EventPayloads.threadDelete(thread));
        }
    }

    /**
     * A keyword rule of AutoMod blocks a member's message before it is posted: AUTO_MODERATION_ACTION_EXECUTION (no
     * message is created). Returns the rule's id.
     */
    public long autoModBlock(GuildState guild, long channelId, EmulatedUser user, String content, String keyword) {
        if (content == null || keyword == null || content.isBlank() || keyword.isBlank()) {
            throw new IllegalArgumentException("an AutoMod block needs the content and the keyword it matched");
        }
        synchronized (guild) {
            Require.channel(guild, channelId, MessageEvents.TEXT_CHANNEL_TYPES, "takes no messages");
            Require.member(world, guild, user);
            long ruleId = world.ids().next();
            hub.dispatchEvent(guild.id(), "AUTO_MODERATION_ACTION_EXECUTION",
                    EventPayloads.autoModBlocked(guild.id(), ruleId, user.snowflake(), channelId, content, keyword));
            return ruleId;
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a name has 1 to 100 characters");
        }
    }
}
