package io.guildflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.event.ReactionCount;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.Snowflakes;
import io.guildflow.testkit.recording.BotPost;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What users do with messages, sent to the bot as Discord's gateway events (MESSAGE_CREATE, MESSAGE_UPDATE,
 * MESSAGE_DELETE, MESSAGE_DELETE_BULK, MESSAGE_REACTION_*), only to sessions that identified with the intent, without
 * message content where MESSAGE_CONTENT is missing; and what the bot posted. Unknown guilds, channels, messages or
 * members throw {@link NoSuchElementException}; what Discord would not allow throws {@link IllegalArgumentException} or
 * {@link IllegalStateException}. Inherited by {@link DiscordEmulator}.
 */
public abstract class MessageTriggers extends InteractionTriggers {

    MessageTriggers(EmulatorCore core) {
        super(core);
    }

    /** A member writes in the guild's first text channel ("general"). */
    public MessageRef userMessage(EmulatedGuild guild, EmulatedUser author, String content) {
        return userMessage(guild, guild.textChannelId(), author, content);
    }

    /** A member writes in a text channel or thread of the guild. */
    public MessageRef userMessage(EmulatedGuild guild, String channelId, EmulatedUser author, String content) {
        return core.messages().userMessage(guildState(guild), Snowflakes.parse(channelId), author, content);
    }

    /** A user writes to the bot in their DM. */
    public MessageRef directMessage(EmulatedUser author, String content) {
        return core.messages().directMessage(author, content);
    }

    /** The author edits a message they wrote (the bot edits its own over REST). */
    public MessageRef editMessage(String messageId, String content) {
        return core.messages().edit(Snowflakes.parse(messageId), content);
    }

    /** A message is deleted (by its author or a moderator). */
    public void deleteMessage(String messageId) {
        core.messages().delete(Snowflakes.parse(messageId));
    }

    /** A moderator deletes 2 to 100 messages of one guild channel at once. */
    public void bulkDeleteMessages(String channelId, List<String> messageIds) {
        core.messages().bulkDelete(Snowflakes.parse(channelId), messageIds.stream().map(Snowflakes::parse).toList());
    }

    /** A user reacts; nothing is sent if they had already reacted with this emoji. */
    public ReactionCount addReaction(String messageId, EmulatedUser user, Emoji emoji) {
        return core.messages().react(Snowflakes.parse(messageId), user, emoji);
    }

    /** A user takes a reaction back; nothing is sent if they had none with this emoji. */
    public ReactionCount removeReaction(String messageId, EmulatedUser user, Emoji emoji) {
        return core.messages().unreact(Snowflakes.parse(messageId), user, emoji);
    }

    /** A moderator removes every reaction of a message; false (nothing sent) if it had none. */
    public boolean removeAllReactions(String messageId) {
        return core.messages().clearReactions(Snowflakes.parse(messageId));
    }

    /** A moderator removes every reaction with one emoji; false (nothing sent) if there was none. */
    public boolean removeEmojiReactions(String messageId, Emoji emoji) {
        return core.messages().clearEmoji(Snowflakes.parse(messageId), emoji);
    }

    /** A stored message as the bot would read it over REST (with its {@code reactions}). */
    public JsonNode message(String messageId) {
        ObjectNode m = core.world().messages().require(Snowflakes.parse(messageId));
        synchronized (m) {
            return m.deepCopy();
        }
    }

    /** How many users reacted to a stored message with this emoji. */
    public int reactionCount(String messageId, Emoji emoji) {
        return core.world().messages().reactionCount(Snowflakes.parse(messageId), emoji);
    }

    // ---- what the bot posted ----

    /**
     * Every message the bot posted through {@code POST /channels/{id}/messages}, oldest first, with its edits and
     * deletion through the channel message routes (interaction replies are in {@link #interaction(String)}).
     */
    public List<BotPost> botPosts() {
        return core.posts().all();
    }

    public List<BotPost> botPosts(String channelId) {
        return botPosts().stream().filter(p -> p.channelId().equals(channelId)).toList();
    }

    public BotPost botPost(String messageId) {
        return core.posts().get(messageId).orElseThrow(() -> new NoSuchElementException(
                "the bot posted no message " + messageId));
    }
}
