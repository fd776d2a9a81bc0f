package io.guildflow.testkit.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.gateway.Intents;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.emoji.Emoji.Type;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.automod.AutoModExecutionEvent;
import net.dv8tion.jda.api.events.channel.ChannelCreateEvent;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.channel.update.ChannelUpdateArchivedEvent;
import net.dv8tion.jda.api.events.channel.update.ChannelUpdateNameEvent;
import net.dv8tion.jda.api.events.guild.GuildBanEvent;
import net.dv8tion.jda.api.events.guild.GuildUnbanEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberJoinEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRemoveEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberUpdateEvent;
import net.dv8tion.jda.api.events.guild.update.GuildUpdateNameEvent;
import net.dv8tion.jda.api.events.guild.voice.GuildVoiceUpdateEvent;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveAllEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEmojiEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
import net.dv8tion.jda.api.events.role.RoleCreateEvent;
import net.dv8tion.jda.api.events.role.RoleDeleteEvent;
import net.dv8tion.jda.api.events.role.update.RoleUpdateNameEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real JDA 6.5.0 takes every kind of gateway event the emulator sends: each arrives as its typed JDA event (none
 * is dropped or parked in JDA's event cache), and with event passthrough carries Discord's raw dispatch.
 */
class GatewayEventsWithJdaTest {
    private final LinkedBlockingQueue<GenericEvent> events = new LinkedBlockingQueue<>();
    private DiscordEmulator emu;
    private JDA jda;
    private EmulatedGuild guild;
    private EmulatedUser ada;
    private EmulatedUser bob;

    @BeforeEach
    void connect() throws InterruptedException {
        emu = DiscordEmulator.builder().privilegedIntents(Intents.PRIVILEGED).build().start();
        jda = JdaHarness.builder(emu)
                .enableIntents(GatewayIntent.GUILD_MEMBERS, GatewayIntent.MESSAGE_CONTENT)
                .setEventPassthrough(true)
                .setBulkDeleteSplittingEnabled(false)
                .addEventListeners(JdaHarness.listener(events::add))
                .build().awaitReady();
        guild = emu.guild(0);
        ada = guild.members().get(1);
        bob = guild.members().get(2);
    }

    @AfterEach
    void tearDown() {
        JdaHarness.shutdown(jda, emu);
    }

    /** The next JDA event of {@code type}; its raw data must be the dispatch {@code t}. */
    private <T extends GenericEvent> T await(Class<T> type, String t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            GenericEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                assertEquals(t, e.getRawData().getString("t"), "raw dispatch of " + type.getSimpleName());
                assertTrue(e.getRawData().hasKey("d"));
                return type.cast(e);
            }
        }
        throw new AssertionError("JDA raised no " + type.getSimpleName() + " for " + t + " within 10 s");
    }

    @Test
    void messagesTheirEditsAndDeletions() throws InterruptedException {
        MessageRef sent = emu.userMessage(guild, ada, "hello <@" + bob.id() + ">");
        MessageReceivedEvent received = await(MessageReceivedEvent.class, "MESSAGE_CREATE");
        assertEquals(sent.id(), received.getMessageId());
        assertEquals("hello <@" + bob.id() + ">", received.getMessage().getContentRaw());
        assertEquals(ada.snowflake(), received.getAuthor().getIdLong());
        assertNotNull(received.getMember(), "the member came with the message");
        assertEquals(List.of(bob.snowflake()), received.getMessage().getMentions().getUsers().stream()
                .map(u -> u.getIdLong()).toList());

        emu.editMessage(sent.id(), "hello again");
        assertEquals("hello again", await(MessageUpdateEvent.class, "MESSAGE_UPDATE").getMessage().getContentRaw());
        emu.deleteMessage(sent.id());
        assertEquals(sent.id(), await(MessageDeleteEvent.class, "MESSAGE_DELETE").getMessageId());

        MessageRef one = emu.userMessage(guild, ada, "one");
        MessageRef two = emu.userMessage(guild, bob, "two");
        await(MessageReceivedEvent.class, "MESSAGE_CREATE");
        await(MessageReceivedEvent.class, "MESSAGE_CREATE");
        emu.bulkDeleteMessages(one.channelId(), List.of(one.id(), two.id()));
        assertEquals(List.of(one.id(), two.id()),
                await(MessageBulkDeleteEvent.class, "MESSAGE_DELETE_BULK").getMessageIds());

        emu.directMessage(ada, "psst");
        MessageReceivedEvent dm = await(MessageReceivedEvent.class, "MESSAGE_CREATE");
        assertFalse(dm.isFromGuild());
        assertEquals(ChannelType.PRIVATE, dm.getChannelType());
        assertEquals("psst", dm.getMessage().getContentRaw());
    }

    @Test
    void reactionsUnicodeAndCustom() throws InterruptedException {
        MessageRef sent = emu.userMessage(guild, ada, "star me");
        await(MessageReceivedEvent.class, "MESSAGE_CREATE");
        emu.addReaction(sent.id(), bob, Emoji.unicode("⭐"));
        MessageReactionAddEvent star = await(MessageReactionAddEvent.class, "MESSAGE_REACTION_ADD");
        assertEquals("⭐", star.getEmoji().getName());
        assertEquals(Type.UNICODE, star.getEmoji().getType());
        assertEquals(bob.snowflake(), star.getUserIdLong());
        assertEquals(ada.snowflake(), star.getMessageAuthorIdLong());
        assertEquals(sent.id(), star.getMessageId());
        assertNotNull(star.getMember());

        emu.addReaction(sent.id(), ada, Emoji.custom("blobwave", "123456789012345678"));
        MessageReactionAddEvent custom = await(MessageReactionAddEvent.class, "MESSAGE_REACTION_ADD");
        assertEquals(Type.CUSTOM, custom.getEmoji().getType());
        assertEquals(123456789012345678L, custom.getEmoji().asCustom().getIdLong());

        emu.removeReaction(sent.id(), bob, Emoji.unicode("⭐"));
        assertEquals(bob.snowflake(), await(MessageReactionRemoveEvent.class, "MESSAGE_REACTION_REMOVE").getUserIdLong());
        emu.removeEmojiReactions(sent.id(), Emoji.custom("blobwave", "123456789012345678"));
        assertEquals("blobwave", await(MessageReactionRemoveEmojiEvent.class, "MESSAGE_REACTION_REMOVE_EMOJI")
                .getEmoji().getName());
        emu.addReaction(sent.id(), bob, Emoji.unicode("⭐"));
        await(MessageReactionAddEvent.class, "MESSAGE_REACTION_ADD");
        emu.removeAllReactions(sent.id());
        assertEquals(sent.id(), await(MessageReactionRemoveAllEvent.class, "MESSAGE_REACTION_REMOVE_ALL")
                .getMessageId());
    }

    @Test
    void membersAndBans() throws InterruptedException {
        GuildMember carol = emu.memberJoin(guild, "carol");
        GuildMemberJoinEvent joined = await(GuildMemberJoinEvent.class, "GUILD_MEMBER_ADD");
        assertEquals(carol.user().snowflake(), joined.getMember().getIdLong());
        assertEquals(carol.joinedAt().toEpochMilli(), joined.getMember().getTimeJoined().toInstant().toEpochMilli());
        emu.memberUpdate(guild, carol.user(), "caz", List.of());
        // JDA's default member cache keeps no joined member, so it raises only the generic update (no old nickname)
        assertEquals("caz", await(GuildMemberUpdateEvent.class, "GUILD_MEMBER_UPDATE").getMember().getNickname());
        emu.memberLeave(guild, carol.user());
        assertEquals(carol.user().snowflake(), await(GuildMemberRemoveEvent.class, "GUILD_MEMBER_REMOVE").getUser().getIdLong());
        emu.ban(guild, bob);
        assertEquals(bob.snowflake(), await(GuildBanEvent.class, "GUILD_BAN_ADD").getUser().getIdLong());
        emu.unban(guild, bob);
        assertEquals(bob.snowflake(), await(GuildUnbanEvent.class, "GUILD_BAN_REMOVE").getUser().getIdLong());
    }

    @Test
    void channelsRolesThreadsTheGuildVoiceAndAutoMod() throws InterruptedException {
        String channel = emu.createChannel(guild, "announcements", 0);
        assertEquals(channel, await(ChannelCreateEvent.class, "CHANNEL_CREATE").getChannel().getId());
        emu.renameChannel(guild, channel, "news");
        assertEquals("news", await(ChannelUpdateNameEvent.class, "CHANNEL_UPDATE").getNewValue());

        String thread = emu.createThread(guild, channel, ada, "a thread");
        ChannelCreateEvent threadCreated = await(ChannelCreateEvent.class, "THREAD_CREATE");
        assertEquals(ChannelType.GUILD_PUBLIC_THREAD, threadCreated.getChannelType());
        assertEquals(thread, threadCreated.getChannel().getId());
        emu.userMessage(guild, thread, ada, "in the thread");
        assertEquals(thread, await(MessageReceivedEvent.class, "MESSAGE_CREATE").getChannel().getId());
        emu.updateThread(guild, thread, "the thread", false);
        assertEquals("the thread", await(ChannelUpdateNameEvent.class, "THREAD_UPDATE").getNewValue());
        emu.deleteThread(guild, thread);
        assertEquals(thread, await(ChannelDeleteEvent.class, "THREAD_DELETE").getChannel().getId());
        // an archived thread leaves JDA's cache (Discord tells nothing more about it), so archive a second one
        String archived = emu.createThread(guild, channel, ada, "to archive");
        await(ChannelCreateEvent.class, "THREAD_CREATE");
        emu.updateThread(guild, archived, "to archive", true);
        ChannelUpdateArchivedEvent archiving = await(ChannelUpdateArchivedEvent.class, "THREAD_UPDATE");
        assertEquals(archived, archiving.getChannel().getId());
        assertTrue(archiving.getNewValue());
        emu.deleteChannel(guild, channel);
        assertEquals(channel, await(ChannelDeleteEvent.class, "CHANNEL_DELETE").getChannel().getId());

        String role = emu.createRole(guild, "mods");
        assertEquals(role, await(RoleCreateEvent.class, "GUILD_ROLE_CREATE").getRole().getId());
        emu.renameRole(guild, role, "moderators");
        assertEquals("moderators", await(RoleUpdateNameEvent.class, "GUILD_ROLE_UPDATE").getNewName());
        emu.deleteRole(guild, role);
        assertEquals(role, await(RoleDeleteEvent.class, "GUILD_ROLE_DELETE").getRole().getId());

        emu.renameGuild(guild, "Renamed");
        assertEquals("Renamed", await(GuildUpdateNameEvent.class, "GUILD_UPDATE").getNewName());

        String voice = emu.createChannel(guild, "Lounge", 2);
        await(ChannelCreateEvent.class, "CHANNEL_CREATE");
        emu.voiceState(guild, ada, voice);
        GuildVoiceUpdateEvent joinedVoice = await(GuildVoiceUpdateEvent.class, "VOICE_STATE_UPDATE");
        assertEquals(voice, joinedVoice.getChannelJoined().getId());
        assertEquals(ada.snowflake(), joinedVoice.getMember().getIdLong());

        String rule = emu.autoModBlock(guild, guild.textChannelId(), ada, "buy cheap gold", "gold");
        AutoModExecutionEvent automod = await(AutoModExecutionEvent.class, "AUTO_MODERATION_ACTION_EXECUTION");
        assertEquals(rule, automod.getRuleId());
        assertEquals("buy cheap gold", automod.getContent());
        assertEquals("gold", automod.getMatchedKeyword());
    }
}
