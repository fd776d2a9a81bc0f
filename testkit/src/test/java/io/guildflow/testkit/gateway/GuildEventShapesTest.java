package io.guildflow.testkit.gateway;

import static io.guildflow.testkit.gateway.DocumentedShapes.CHANNEL;
import static io.guildflow.testkit.gateway.DocumentedShapes.GUILD;
import static io.guildflow.testkit.gateway.DocumentedShapes.MEMBER;
import static io.guildflow.testkit.gateway.DocumentedShapes.ROLE;
import static io.guildflow.testkit.gateway.DocumentedShapes.USER;
import static io.guildflow.testkit.gateway.DocumentedShapes.VOICE_STATE;
import static io.guildflow.testkit.gateway.DocumentedShapes.assertShape;
import static io.guildflow.testkit.gateway.DocumentedShapes.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import io.guildflow.testkit.model.Payloads;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Member, moderation, channel, role, thread, guild, voice and AutoMod events, field by field (gateway-events.mdx). */
class GuildEventShapesTest extends AllIntentsSession {
    private static final DocumentedShapes.Shape GUILD_AND_USER =
            event("guild_id and user", Set.of("guild_id", "user"), Set.of());

    @Test
    void memberJoinUpdateAndLeave() throws InterruptedException {
        GuildMember joined = emu.memberJoin(guild, "carol");
        JsonNode add = client.next("GUILD_MEMBER_ADD");
        assertShape(MEMBER.plus(Set.of("guild_id", "user"), Set.of()), add);
        assertEquals(guild.id(), add.path("guild_id").asText());
        assertEquals(joined.user().id(), add.path("user").path("id").asText());
        assertEquals(Payloads.timestamp(joined.joinedAt()), add.path("joined_at").asText());
        assertFalse(add.path("pending").asBoolean(), "pending is always sent in GUILD_ events");
        assertTrue(emu.guild(0).members().contains(joined.user()), "the member is in the guild now");

        String role = emu.createRole(guild, "regulars");
        client.next("GUILD_ROLE_CREATE");
        emu.memberUpdate(guild, joined.user(), "caz", List.of(role));
        JsonNode update = client.next("GUILD_MEMBER_UPDATE");
        assertShape(event("Guild Member Update", Set.of("guild_id", "roles", "user", "avatar", "banner", "joined_at"),
                Set.of("nick", "premium_since", "deaf", "mute", "pending", "communication_disabled_until",
                        "avatar_decoration_data", "collectibles", "flags")), update);
        assertEquals("caz", update.path("nick").asText());
        assertEquals(role, update.path("roles").get(0).asText());
        assertEquals(add.path("joined_at"), update.path("joined_at"));

        emu.memberLeave(guild, joined.user());
        JsonNode remove = client.next("GUILD_MEMBER_REMOVE");
        assertShape(GUILD_AND_USER, remove);
        assertShape(USER, remove.path("user"));
        assertFalse(emu.guild(0).members().contains(joined.user()));

        clock.advance(Duration.ofMinutes(1));
        GuildMember again = emu.memberJoin(guild, joined.user());
        assertNotEquals(joined.joinedAt(), again.joinedAt(), "a rejoin is a new membership");
        assertNotEquals(add.path("joined_at"), client.next("GUILD_MEMBER_ADD").path("joined_at"));
    }

    @Test
    void aBanRemovesTheMemberAndAnUnbanLiftsIt() throws InterruptedException {
        EmulatedUser bob = guild.members().get(2);
        emu.ban(guild, bob);
        JsonNode ban = client.next("GUILD_BAN_ADD");
        assertShape(GUILD_AND_USER, ban);
        assertEquals(bob.id(), ban.path("user").path("id").asText());
        assertEquals(bob.id(), client.next("GUILD_MEMBER_REMOVE").path("user").path("id").asText());
        emu.unban(guild, bob);
        assertShape(GUILD_AND_USER, client.next("GUILD_BAN_REMOVE"));
    }

    @Test
    void channelsAndThreads() throws InterruptedException {
        String channel = emu.createChannel(guild, "announcements", 0);
        JsonNode created = client.next("CHANNEL_CREATE");
        assertShape(CHANNEL, created);
        assertEquals(channel, created.path("id").asText());
        assertEquals(guild.id(), created.path("guild_id").asText());
        emu.renameChannel(guild, channel, "news");
        JsonNode updated = client.next("CHANNEL_UPDATE");
        assertShape(CHANNEL, updated);
        assertEquals("news", updated.path("name").asText());

        String thread = emu.createThread(guild, channel, guild.members().get(0), "a thread");
        JsonNode threadCreate = client.next("THREAD_CREATE");
        assertShape(CHANNEL.plus(Set.of("newly_created", "thread_metadata", "parent_id", "owner_id"), Set.of()),
                threadCreate);
        assertEquals(11, threadCreate.path("type").asInt());
        assertShape(event("Thread Metadata", Set.of("archived", "auto_archive_duration", "archive_timestamp",
                "locked"), Set.of("invitable", "create_timestamp")), threadCreate.path("thread_metadata"));
        emu.updateThread(guild, thread, "a thread", true);
        JsonNode threadUpdate = client.next("THREAD_UPDATE");
        assertShape(CHANNEL, threadUpdate);
        assertTrue(threadUpdate.path("thread_metadata").path("archived").asBoolean());
        emu.deleteThread(guild, thread);
        JsonNode threadDelete = client.next("THREAD_DELETE");
        assertShape(event("Thread Delete", Set.of("id", "guild_id", "parent_id", "type"), Set.of()), threadDelete);

        emu.deleteChannel(guild, channel);
        JsonNode deleted = client.next("CHANNEL_DELETE");
        assertShape(CHANNEL, deleted);
        assertEquals("news", deleted.path("name").asText());
    }

    @Test
    void roles() throws InterruptedException {
        String role = emu.createRole(guild, "mods");
        JsonNode created = client.next("GUILD_ROLE_CREATE");
        assertShape(event("Guild Role Create", Set.of("guild_id", "role"), Set.of()), created);
        assertShape(ROLE, created.path("role"));
        emu.renameRole(guild, role, "moderators");
        JsonNode updated = client.next("GUILD_ROLE_UPDATE");
        assertShape(ROLE, updated.path("role"));
        assertEquals("moderators", updated.path("role").path("name").asText());
        emu.deleteRole(guild, role);
        JsonNode deleted = client.next("GUILD_ROLE_DELETE");
        assertShape(event("Guild Role Delete", Set.of("guild_id", "role_id"), Set.of()), deleted);
        assertEquals(role, deleted.path("role_id").asText());
    }

    @Test
    void guildUpdateVoiceAndAutoMod() throws InterruptedException {
        emu.renameGuild(guild, "Renamed");
        JsonNode update = client.next("GUILD_UPDATE");
        assertShape(GUILD, update);
        assertEquals("Renamed", update.path("name").asText());

        String voice = emu.createChannel(guild, "Lounge", 2);
        client.next("CHANNEL_CREATE");
        EmulatedUser ada = guild.members().get(1);
        emu.voiceState(guild, ada, voice);
        JsonNode state = client.next("VOICE_STATE_UPDATE");
        assertShape(VOICE_STATE, state);
        assertEquals(voice, state.path("channel_id").asText());
        assertShape(MEMBER, state.path("member"));
        emu.voiceState(guild, ada, null);
        assertTrue(client.next("VOICE_STATE_UPDATE").path("channel_id").isNull());

        String rule = emu.autoModBlock(guild, guild.textChannelId(), ada, "buy cheap gold", "gold");
        JsonNode automod = client.next("AUTO_MODERATION_ACTION_EXECUTION");
        assertShape(event("Auto Moderation Action Execution", Set.of("guild_id", "action", "rule_id",
                "rule_trigger_type", "user_id", "content", "matched_keyword", "matched_content"),
                Set.of("channel_id", "message_id", "alert_system_message_id")), automod);
        assertEquals(rule, automod.path("rule_id").asText());
        assertEquals(1, automod.path("action").path("type").asInt());
        assertEquals("gold", automod.path("matched_content").asText());
        assertFalse(automod.has("message_id"), "a blocked message has no id");
    }
}
