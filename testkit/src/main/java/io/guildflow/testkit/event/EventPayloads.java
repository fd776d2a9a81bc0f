package io.guildflow.testkit.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code d} of gateway events in the shapes of Discord's gateway events documentation (events/gateway-events.mdx),
 * field by field; each method names its section. Guild id null means a DM: {@code guild_id} and {@code member} left
 * out, as Discord does.
 */
final class EventPayloads {
    private EventPayloads() {}

    /**
     * "Message Create" / "Message Update": the message object plus {@code guild_id}, {@code member} (the author's,
     * without {@code user}; null in a DM) and {@code channel_type}; in a guild each mentioned user who is a member
     * carries a partial {@code member}.
     */
    static ObjectNode message(ObjectNode message, GuildMember author, int channelType,
            Function<Long, Optional<GuildMember>> members) {
        ObjectNode d;
        synchronized (message) {
            d = message.deepCopy();
        }
        if (author != null) {
            d.set("member", partialMember(author));
            for (JsonNode mentioned : d.path("mentions")) {
                members.apply(Long.parseUnsignedLong(mentioned.path("id").asText()))
                        .ifPresent(m -> ((ObjectNode) mentioned).set("member", partialMember(m)));
            }
        }
        d.put("channel_type", channelType);
        return d;
    }

    /** The member object of MESSAGE_CREATE/UPDATE: "The field user won't be included". */
    private static ObjectNode partialMember(GuildMember member) {
        ObjectNode o = Payloads.member(member);
        o.remove("user");
        return o;
    }

    /** "Message Delete": {@code id}, {@code channel_id}, {@code guild_id?}. */
    static ObjectNode messageDelete(long id, long channelId, Long guildId) {
        ObjectNode d = Json.object().put("id", Json.id(id)).put("channel_id", Json.id(channelId));
        return withGuild(d, guildId);
    }

    /** "Message Delete Bulk": {@code ids}, {@code channel_id}, {@code guild_id?}. */
    static ObjectNode messageDeleteBulk(List<Long> ids, long channelId, Long guildId) {
        ObjectNode d = Json.object();
        ArrayNode array = d.putArray("ids");
        ids.forEach(id -> array.add(Json.id(id)));
        d.put("channel_id", Json.id(channelId));
        return withGuild(d, guildId);
    }

    /**
     * "Message Reaction Add": {@code user_id}, {@code channel_id}, {@code message_id}, {@code guild_id?},
     * {@code member?} (with its user), {@code emoji}, {@code message_author_id?}, {@code burst}, {@code burst_colors?},
     * {@code type} (0: normal).
     */
    static ObjectNode reactionAdd(Target target, EmulatedUser user, GuildMember member, Emoji emoji) {
        ObjectNode d = reaction(target, user.snowflake(), emoji);
        if (member != null) {
            d.set("member", Payloads.member(member));
        }
        d.put("message_author_id", Json.id(target.authorId()));
        d.put("burst", false);
        d.putArray("burst_colors");
        d.put("type", 0);
        return d;
    }

    /** "Message Reaction Remove": {@code user_id}, ids, {@code emoji}, {@code burst}, {@code type}. */
    static ObjectNode reactionRemove(Target target, EmulatedUser user, Emoji emoji) {
        return reaction(target, user.snowflake(), emoji).put("burst", false).put("type", 0);
    }

    /** "Message Reaction Remove All": {@code channel_id}, {@code message_id}, {@code guild_id?}. */
    static ObjectNode reactionRemoveAll(Target target) {
        ObjectNode d = Json.object().put("channel_id", Json.id(target.channelId()))
                .put("message_id", Json.id(target.messageId()));
        return withGuild(d, target.guildId());
    }

    /** "Message Reaction Remove Emoji": {@code channel_id}, {@code guild_id?}, {@code message_id}, {@code emoji}. */
    static ObjectNode reactionRemoveEmoji(Target target, Emoji emoji) {
        ObjectNode d = reactionRemoveAll(target);
        d.set("emoji", emoji.json());
        return d;
    }

    private static ObjectNode reaction(Target target, long userId, Emoji emoji) {
        ObjectNode d = Json.object();
        d.put("user_id", Json.id(userId));
        d.put("channel_id", Json.id(target.channelId()));
        d.put("message_id", Json.id(target.messageId()));
        withGuild(d, target.guildId());
        d.set("emoji", emoji.json());
        return d;
    }

    /** The message a reaction event is about. */
    record Target(long messageId, long channelId, Long guildId, long authorId) {}

    /** "Guild Member Add" and "Guild Member Update": the guild member object (user included) plus {@code guild_id}. */
    static ObjectNode member(long guildId, GuildMember member) {
        ObjectNode d = Payloads.member(member);
        d.put("guild_id", Json.id(guildId));
        return d;
    }

    /** "Guild Member Remove", "Guild Ban Add", "Guild Ban Remove": {@code guild_id} and {@code user}. */
    static ObjectNode guildUser(long guildId, EmulatedUser user) {
        ObjectNode d = Json.object().put("guild_id", Json.id(guildId));
        d.set("user", Payloads.user(user));
        return d;
    }

    /** "Guild Role Create" / "Guild Role Update": {@code guild_id} and {@code role}. */
    static ObjectNode role(long guildId, ObjectNode role) {
        ObjectNode d = Json.object().put("guild_id", Json.id(guildId));
        d.set("role", role.deepCopy());
        return d;
    }

    /** "Guild Role Delete": {@code guild_id} and {@code role_id}. */
    static ObjectNode roleDelete(long guildId, long roleId) {
        return Json.object().put("guild_id", Json.id(guildId)).put("role_id", Json.id(roleId));
    }

    /** "Thread Create": the channel object plus {@code newly_created} when the thread was just created. */
    static ObjectNode threadCreate(ObjectNode thread) {
        return thread.deepCopy().put("newly_created", true);
    }

    /** "Thread Delete": "just the id, guild_id, parent_id, and type fields". */
    static ObjectNode threadDelete(ObjectNode thread) {
        ObjectNode d = Json.object();
        for (String field : new String[] {"id", "guild_id", "parent_id", "type"}) {
            d.set(field, thread.get(field));
        }
        return d;
    }

    /**
     * "Auto Moderation Action Execution" for a keyword rule (trigger type 1) that blocked a message (action type 1):
     * no {@code message_id} ("will not exist if message was blocked") and no {@code alert_system_message_id}.
     */
    static ObjectNode autoModBlocked(long guildId, long ruleId, long userId, long channelId, String content,
            String keyword) {
        ObjectNode d = Json.object();
        d.put("guild_id", Json.id(guildId));
        d.putObject("action").put("type", 1).putObject("metadata");
        d.put("rule_id", Json.id(ruleId));
        d.put("rule_trigger_type", 1);
        d.put("user_id", Json.id(userId));
        d.put("channel_id", Json.id(channelId));
        d.put("content", content);
        d.put("matched_keyword", keyword);
        int at = content.toLowerCase(Locale.ROOT).indexOf(keyword.toLowerCase(Locale.ROOT));
        d.put("matched_content", at < 0 ? keyword : content.substring(at, at + keyword.length()));
        return d;
    }

    private static ObjectNode withGuild(ObjectNode d, Long guildId) {
        if (guildId != null) {
            d.put("guild_id", Json.id(guildId));
        }
        return d;
    }
}
