package io.guildflow.testkit.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.event.EventPayloads.Target;
import io.guildflow.testkit.gateway.GatewayHub;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.MessageStore;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.World;
import io.guildflow.testkit.recording.BotPosts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Messages and reactions: each change to the stored messages and the gateway event Discord sends for it, made under
 * the lock of the message's guild (or of all DMs) so that events of one guild leave in the order the state changed.
 * Refuses with {@link NoSuchElementException} (unknown guild, channel, message, member) or
 * {@link IllegalArgumentException} / {@link IllegalStateException} (what Discord would not allow).
 */
public final class MessageEvents {
    /** Discord's limit for a user's message (with Nitro; 2,000 without). */
    private static final int MAX_CONTENT = 4000;
    static final Set<Integer> TEXT_CHANNEL_TYPES = Set.of(0, 5, 10, 11, 12);

    private final World world;
    private final GatewayHub hub;
    private final Clock clock;
    private final BotPosts posts;
    private final Object dmLock = new Object();

    public MessageEvents(EventContext context, BotPosts posts) {
        this.world = context.world();
        this.hub = context.hub();
        this.clock = context.clock();
        this.posts = posts;
    }

    // ---- what users do ----

    /** A member writes in a text channel or thread of the guild: MESSAGE_CREATE. */
    public MessageRef userMessage(GuildState guild, long channelId, EmulatedUser author, String content) {
        checkContent(content);
        synchronized (guild) {
            Require.channel(guild, channelId, TEXT_CHANNEL_TYPES, "takes no messages");
            Require.member(world, guild, author);
            ObjectNode message = store(channelId, guild.id(), author, content);
            sendMessage("MESSAGE_CREATE", message);
            return ref(message);
        }
    }

    /** A user writes to the bot in their DM: MESSAGE_CREATE without {@code guild_id}. */
    public MessageRef directMessage(EmulatedUser author, String content) {
        checkContent(content);
        synchronized (dmLock) {
            ObjectNode message = store(world.dmChannel(author), null, author, content);
            sendMessage("MESSAGE_CREATE", message);
            return ref(message);
        }
    }

    /** The author edits their message: MESSAGE_UPDATE with the whole message and its {@code edited_timestamp}. */
    public MessageRef edit(long messageId, String content) {
        checkContent(content);
        ObjectNode message = world.messages().require(messageId);
        synchronized (lock(message)) {
            if (authorId(message) == world.bot().snowflake()) {
                throw new IllegalStateException("message " + Json.id(messageId) + " is the bot's: only its author"
                        + " edits a message, and the bot does that over REST");
            }
            synchronized (message) {
                Payloads.applyEdit(message, Json.object().put("content", content), clock.instant());
                Mentions.apply(message, content, world);
            }
            sendMessage("MESSAGE_UPDATE", message);
            return ref(message);
        }
    }

    /** Someone (the author, a moderator, the bot over REST) deletes a message: MESSAGE_DELETE. */
    public void delete(long messageId) {
        ObjectNode message = world.messages().require(messageId);
        synchronized (lock(message)) {
            forget(message);
            dispatch(guildId(message), "MESSAGE_DELETE",
                    EventPayloads.messageDelete(messageId, channelId(message), guildId(message)));
        }
    }

    /** A moderator deletes 2 to 100 messages of one guild channel at once: MESSAGE_DELETE_BULK. */
    public void bulkDelete(long channelId, List<Long> messageIds) {
        if (messageIds.size() < 2 || messageIds.size() > 100 || new HashSet<>(messageIds).size() != messageIds.size()) {
            throw new IllegalArgumentException("a bulk delete takes 2 to 100 distinct messages, not " + messageIds);
        }
        GuildState guild = world.guildOfChannel(channelId).orElseThrow(() -> new IllegalArgumentException(
                "bulk delete is for guild channels; channel " + Json.id(channelId) + " is none"));
        synchronized (guild) {
            List<ObjectNode> messages = new ArrayList<>();
            for (long id : messageIds) {
                ObjectNode m = world.messages().require(id);
                if (channelId(m) != channelId) {
                    throw new IllegalArgumentException("message " + Json.id(id) + " is not in channel " + Json.id(channelId));
                }
                messages.add(m);
            }
            messages.forEach(this::forget);
            dispatch(guild.id(), "MESSAGE_DELETE_BULK", EventPayloads.messageDeleteBulk(messageIds, channelId,
                    guild.id()));
        }
    }

    /** A user reacts: MESSAGE_REACTION_ADD, unless they had already reacted with this emoji (then nothing). */
    public ReactionCount react(long messageId, EmulatedUser user, Emoji emoji) {
        ObjectNode message = world.messages().require(messageId);
        synchronized (lock(message)) {
            GuildMember member = reactor(message, user);
            MessageStore store = world.messages();
            boolean added = store.react(messageId, emoji, user.snowflake());
            if (added) {
                dispatch(guildId(message), "MESSAGE_REACTION_ADD",
                        EventPayloads.reactionAdd(target(message), user, member, emoji));
            }
            return new ReactionCount(Json.id(messageId), emoji, store.reactionCount(messageId, emoji), added);
        }
    }

    /** A user takes their reaction back: MESSAGE_REACTION_REMOVE, unless they had none with this emoji. */
    public ReactionCount unreact(long messageId, EmulatedUser user, Emoji emoji) {
        ObjectNode message = world.messages().require(messageId);
        synchronized (lock(message)) {
            reactor(message, user);
            MessageStore store = world.messages();
            boolean removed = store.unreact(messageId, emoji, user.snowflake());
            if (removed) {
                dispatch(guildId(message), "MESSAGE_REACTION_REMOVE",
                        EventPayloads.reactionRemove(target(message), user, emoji));
            }
            return new ReactionCount(Json.id(messageId), emoji, store.reactionCount(messageId, emoji), removed);
        }
    }

    /** A moderator removes every reaction: MESSAGE_REACTION_REMOVE_ALL (nothing if there was none). */
    public boolean clearReactions(long messageId) {
        ObjectNode message = world.messages().require(messageId);
        synchronized (lock(message)) {
            boolean cleared = world.messages().clearReactions(messageId);
            if (cleared) {
                dispatch(guildId(message), "MESSAGE_REACTION_REMOVE_ALL", EventPayloads.reactionRemoveAll(target(message)));
            }
            return cleared;
        }
    }

    /** A moderator removes one emoji's reactions: MESSAGE_REACTION_REMOVE_EMOJI (nothing if there was none). */
    public boolean clearEmoji(long messageId, Emoji emoji) {
        ObjectNode message = world.messages().require(messageId);
        synchronized (lock(message)) {
            boolean cleared = world.messages().clearEmoji(messageId, emoji);
            if (cleared) {
                dispatch(guildId(message), "MESSAGE_REACTION_REMOVE_EMOJI",
                        EventPayloads.reactionRemoveEmoji(target(message), emoji));
            }
            return cleared;
        }
    }

    // ---- what the bot does over REST ----

    /** The bot posted a channel message (already stored): recorded in the bot's posts, and MESSAGE_CREATE. */
    public void botPosted(ObjectNode message) {
        synchronized (lock(message)) {
            posts.posted(message);
            sendMessage("MESSAGE_CREATE", message);
        }
    }

    /**
     * The bot answered an interaction with a message (already stored): MESSAGE_CREATE unless it is ephemeral. Not
     * among the bot's posts: the interaction's own record has it, and a benchmark's thousands of replies would only
     * cost memory there.
     */
    public void replyPosted(ObjectNode message) {
        if ((message.path("flags").asInt(0) & 64) == 0) {
            synchronized (lock(message)) {
                sendMessage("MESSAGE_CREATE", message);
            }
        }
    }

    /** The bot edited a message (already changed in the store): recorded, and MESSAGE_UPDATE. */
    public void botEdited(ObjectNode message) {
        synchronized (lock(message)) {
            synchronized (message) {
                posts.edited(message);
            }
            sendMessage("MESSAGE_UPDATE", message);
        }
    }

    // ---- helpers ----

    private static void checkContent(String content) {
        if (content == null || content.isBlank() || content.codePointCount(0, content.length()) > MAX_CONTENT) {
            throw new IllegalArgumentException("a user's message has 1 to " + MAX_CONTENT + " characters");
        }
    }

    private ObjectNode store(long channelId, Long guildId, EmulatedUser author, String content) {
        long id = world.ids().next();
        ObjectNode message = Payloads.message(id, channelId, guildId, author, Json.object().put("content", content),
                clock.instant(), null);
        Mentions.apply(message, content, world);
        world.messages().add(channelId, id, message);
        return message;
    }

    /** Sends MESSAGE_CREATE or MESSAGE_UPDATE for a stored message, with its author's member in a guild. */
    private void sendMessage(String type, ObjectNode message) {
        Long guildId = guildId(message);
        if (guildId == null) {
            dispatch(null, type, EventPayloads.message(message, null, 1, id -> Optional.empty()));
            return;
        }
        GuildState guild = guild(guildId);
        GuildMember author = world.member(guild, authorId(message)).orElse(null);
        int channelType = guild.channel(channelId(message)).map(c -> c.path("type").asInt()).orElse(0);
        dispatch(guildId, type, EventPayloads.message(message, author, channelType, id -> world.member(guild, id)));
    }

    private void forget(ObjectNode message) {
        long id = Long.parseUnsignedLong(message.path("id").asText());
        world.messages().remove(id);
        posts.deleted(id);
    }

    /** In a guild the reacting user must be a member; in a DM the recipient (or the bot). */
    private GuildMember reactor(ObjectNode message, EmulatedUser user) {
        Long guildId = guildId(message);
        if (guildId != null) {
            return Require.member(world, guild(guildId), user);
        }
        boolean recipient = world.dmRecipient(channelId(message)).map(u -> u.snowflake() == user.snowflake()).orElse(false);
        if (!recipient && user.snowflake() != world.bot().snowflake()) {
            throw new IllegalStateException(user.username() + " is not in the DM of message "
                    + message.path("id").asText());
        }
        return null;
    }

    private GuildState guild(long guildId) {
        return Require.guild(world, guildId);
    }

    private Object lock(ObjectNode message) {
        Long guildId = guildId(message);
        return guildId == null ? dmLock : guild(guildId);
    }

    private void dispatch(Long guildId, String type, ObjectNode d) {
        hub.dispatchEvent(guildId, type, d);
    }

    private static Target target(ObjectNode message) {
        return new Target(Long.parseUnsignedLong(message.path("id").asText()), channelId(message), guildId(message),
                authorId(message));
    }

    private static MessageRef ref(ObjectNode message) {
        return new MessageRef(message.path("id").asText(), message.path("channel_id").asText(),
                message.hasNonNull("guild_id") ? message.get("guild_id").asText() : null,
                message.path("author").path("id").asText());
    }

    private static long channelId(ObjectNode message) {
        return Long.parseUnsignedLong(message.path("channel_id").asText());
    }

    private static Long guildId(ObjectNode message) {
        return message.hasNonNull("guild_id") ? Long.parseUnsignedLong(message.get("guild_id").asText()) : null;
    }

    private static long authorId(ObjectNode message) {
        return Long.parseUnsignedLong(message.path("author").path("id").asText());
    }
}
