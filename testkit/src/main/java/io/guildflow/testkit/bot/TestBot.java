package io.guildflow.testkit.bot;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.event.ReactionCount;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import io.guildflow.testkit.recording.BotPost;
import io.guildflow.testkit.recording.InteractionRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The bot under test, running on the real runtime (JDA gateway, NATS JetStream, worker, PostgreSQL)
 * against the Discord emulator. The interaction methods send one interaction as a member of the first
 * emulated guild and return what Discord recorded once the interaction was answered: at its
 * acknowledgement, or, after a "thinking…" deferral, at the edit that answers it. The event methods
 * (a message, an edit, a reaction, a member joining, …) send the gateway event and return the ids they made at
 * once; what the bot does about it shows in {@link #posts} (await it with {@link #awaitPost}) or in
 * {@link #database()}.
 */
public final class TestBot {
    /** Generous for a loaded machine; Discord's own 3-second rule is checked on the record's clock. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Discord's "thinking…" callback type: not an answer yet, an edit follows. */
    private static final int DEFERRED_CHANNEL_MESSAGE = 5;

    private final DiscordEmulator emulator;
    private final TestWorld world;

    TestBot(DiscordEmulator emulator, TestWorld world) {
        this.emulator = emulator;
        this.world = world;
    }

    public DiscordEmulator emulator() {
        return emulator;
    }

    public EmulatedGuild guild() {
        return emulator.guild(0);
    }

    public EmulatedUser member() {
        return guild().members().get(0);
    }

    /** A slash command; {@code "admin roles add"} is a subcommand; options go to the innermost. */
    public InteractionRecord slash(String command, Map<String, ?> options) {
        return acknowledged(emulator.slashCommand(guild(), member(), command, options));
    }

    public InteractionRecord slash(String command) {
        return slash(command, Map.of());
    }

    public InteractionRecord autocomplete(String command, String option, String typed) {
        return acknowledged(emulator.autocomplete(guild(), member(), command, option, typed));
    }

    public InteractionRecord userCommand(String name, EmulatedUser target) {
        return acknowledged(emulator.userCommand(guild(), member(), name, target));
    }

    /** On a fresh message by the member. */
    public InteractionRecord messageCommand(String name) {
        return acknowledged(emulator.messageCommand(guild(), member(), name));
    }

    /** A click on a bot message carrying this button. */
    public InteractionRecord button(String customId) {
        return acknowledged(emulator.button(guild(), member(), customId));
    }

    public InteractionRecord select(String customId, List<String> values) {
        return acknowledged(emulator.selectMenu(guild(), member(), customId, values));
    }

    public InteractionRecord modal(String customId, Map<String, String> fields) {
        return acknowledged(emulator.modalSubmit(guild(), member(), customId, fields));
    }

    // ---- gateway events ----

    /** {@link #member()} writes {@code content} in the guild's text channel. */
    public MessageRef message(String content) {
        return message(member(), guild().textChannelId(), content);
    }

    /** {@code author} writes in a channel (or thread) of the guild. */
    public MessageRef message(EmulatedUser author, String channelId, String content) {
        return emulator.userMessage(guild(), channelId, author, content);
    }

    /** The author edits the message. */
    public MessageRef edit(MessageRef message, String content) {
        return emulator.editMessage(message.id(), content);
    }

    public void delete(MessageRef message) {
        emulator.deleteMessage(message.id());
    }

    /** A moderator deletes 2 to 100 messages of one channel at once. */
    public void bulkDelete(List<MessageRef> messages) {
        emulator.bulkDeleteMessages(messages.get(0).channelId(), messages.stream().map(MessageRef::id).toList());
    }

    /** {@code user} reacts with {@code emoji} (e.g. {@code Emoji.unicode("⭐")}); returns the count after. */
    public ReactionCount react(MessageRef message, EmulatedUser user, Emoji emoji) {
        return emulator.addReaction(message.id(), user, emoji);
    }

    public ReactionCount unreact(MessageRef message, EmulatedUser user, Emoji emoji) {
        return emulator.removeReaction(message.id(), user, emoji);
    }

    /** A new user joins the guild; returns their membership (user id, {@code joined_at}). */
    public GuildMember join(String username) {
        return emulator.memberJoin(guild(), username);
    }

    public void leave(EmulatedUser user) {
        emulator.memberLeave(guild(), user);
    }

    public void ban(EmulatedUser user) {
        emulator.ban(guild(), user);
    }

    /** A text channel is created; returns its id. */
    public String createChannel(String name) {
        return emulator.createChannel(guild(), name, 0);
    }

    /** A role is created; returns its id. */
    public String createRole(String name) {
        return emulator.createRole(guild(), name);
    }

    /** What the bot posted in a channel so far, oldest first, with its edits. */
    public List<BotPost> posts(String channelId) {
        return emulator.botPosts(channelId);
    }

    /** Waits until a post of the bot in {@code channelId} satisfies {@code condition}; returns it. */
    public BotPost awaitPost(String channelId, Predicate<BotPost> condition) {
        emulator.awaitCondition(() -> posts(channelId).stream().anyMatch(condition), TIMEOUT);
        return posts(channelId).stream().filter(condition).findFirst().orElseThrow();
    }

    /** Waits until the interaction's record satisfies {@code condition} (edits and follow-ups come after the acknowledgement). */
    public InteractionRecord await(InteractionRecord record, Predicate<InteractionRecord> condition) {
        emulator.awaitCondition(() -> condition.test(emulator.interaction(record.id())), TIMEOUT);
        return emulator.interaction(record.id());
    }

    /** A connection to this test's own schema. */
    public Connection database() throws SQLException {
        return world.database();
    }

    /**
     * The interaction once it has its answer: the acknowledgement itself, or, after a "thinking…" deferral (a
     * handler declared {@code immediately()}, or the gateway stood in for a slow worker), the edit that answers it.
     */
    private InteractionRecord acknowledged(DispatchedInteraction interaction) {
        InteractionRecord acknowledged = emulator.awaitAcknowledged(interaction.id(), TIMEOUT);
        Integer type = acknowledged.acknowledgementType();
        return type != null && type == DEFERRED_CHANNEL_MESSAGE ? emulator.awaitResponse(interaction.id(), TIMEOUT)
                : acknowledged;
    }
}
