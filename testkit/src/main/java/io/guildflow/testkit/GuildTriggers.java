package io.guildflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Snowflakes;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What happens to a guild's members and structure, sent to the bot as Discord's gateway events (GUILD_MEMBER_*,
 * GUILD_BAN_*, CHANNEL_*, GUILD_ROLE_*, THREAD_*, GUILD_UPDATE, VOICE_STATE_UPDATE, AUTO_MODERATION_ACTION_EXECUTION)
 * to the sessions that identified with the intent each needs. Unknown guilds, channels, roles or members throw
 * {@link NoSuchElementException}; what Discord would not allow throws {@link IllegalArgumentException} or
 * {@link IllegalStateException}. Inherited by {@link DiscordEmulator}.
 */
public abstract class GuildTriggers extends MessageTriggers {

    GuildTriggers(EmulatorCore core) {
        super(core);
    }

    // ---- members ----

    /** A new user joins the guild; returns the membership (its user's id, {@code joined_at}). */
    public GuildMember memberJoin(EmulatedGuild guild, String username) {
        return memberJoin(guild, core.world().newUser(username));
    }

    /** A known user joins (e.g. again after leaving: a new {@code joined_at}). */
    public GuildMember memberJoin(EmulatedGuild guild, EmulatedUser user) {
        return core.members().join(guildState(guild), user);
    }

    public void memberLeave(EmulatedGuild guild, EmulatedUser user) {
        core.members().leave(guildState(guild), user);
    }

    /** The member's nickname (null: none) and roles change. */
    public GuildMember memberUpdate(EmulatedGuild guild, EmulatedUser user, String nick, List<String> roleIds) {
        return core.members().update(guildState(guild), user, nick, roleIds);
    }

    /** The user's membership now, if they are a member (the bot included). */
    public Optional<GuildMember> member(EmulatedGuild guild, String userId) {
        return core.world().member(guildState(guild), Snowflakes.parse(userId));
    }

    /** The user is banned (and removed, if a member). */
    public void ban(EmulatedGuild guild, EmulatedUser user) {
        core.members().ban(guildState(guild), user);
    }

    public void unban(EmulatedGuild guild, EmulatedUser user) {
        core.members().unban(guildState(guild), user);
    }

    /** The member joins a voice or stage channel, or leaves voice ({@code channelId} null). */
    public void voiceState(EmulatedGuild guild, EmulatedUser user, String channelId) {
        core.members().voice(guildState(guild), user, channelId == null ? null : Snowflakes.parse(channelId));
    }

    // ---- structure ----

    public void renameGuild(EmulatedGuild guild, String name) {
        core.guildEvents().rename(guildState(guild), name);
    }

    /** A channel of {@code type} (0 text, 2 voice, 4 category, 5 announcement, 13 stage) is created; returns its id. */
    public String createChannel(EmulatedGuild guild, String name, int type) {
        return id(core.guildEvents().createChannel(guildState(guild), name, type, null, null));
    }

    public void renameChannel(EmulatedGuild guild, String channelId, String name) {
        core.guildEvents().renameChannel(guildState(guild), Snowflakes.parse(channelId), name);
    }

    public void deleteChannel(EmulatedGuild guild, String channelId) {
        core.guildEvents().deleteChannel(guildState(guild), Snowflakes.parse(channelId));
    }

    /** A role without permissions is created; returns its id. */
    public String createRole(EmulatedGuild guild, String name) {
        return id(core.guildEvents().createRole(guildState(guild), name, "0", role -> { }));
    }

    public void renameRole(EmulatedGuild guild, String roleId, String name) {
        core.guildEvents().renameRole(guildState(guild), Snowflakes.parse(roleId), name);
    }

    public void deleteRole(EmulatedGuild guild, String roleId) {
        core.guildEvents().deleteRole(guildState(guild), Snowflakes.parse(roleId));
    }

    /** A member starts a public thread in a text channel; returns its id (messages can be written in it). */
    public String createThread(EmulatedGuild guild, String parentChannelId, EmulatedUser owner, String name) {
        return id(core.guildEvents().createThread(guildState(guild), Snowflakes.parse(parentChannelId), owner, name));
    }

    public void updateThread(EmulatedGuild guild, String threadId, String name, boolean archived) {
        core.guildEvents().updateThread(guildState(guild), Snowflakes.parse(threadId), name, archived);
    }

    public void deleteThread(EmulatedGuild guild, String threadId) {
        core.guildEvents().deleteThread(guildState(guild), Snowflakes.parse(threadId));
    }

    /** An AutoMod keyword rule blocks a member's message (no message is created); returns the rule's id. */
    public String autoModBlock(
            EmulatedGuild guild, String channelId, EmulatedUser user, String content, String keyword) {
        return Json.id(core.guildEvents().autoModBlock(guildState(guild), Snowflakes.parse(channelId), user, content,
                keyword));
    }

    private static String id(JsonNode entity) {
        return entity.path("id").asText();
    }
}
