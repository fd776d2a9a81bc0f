package io.guildflow.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Builders for Discord's documented object shapes (user, member, role, channel, message). */
public final class Payloads {
    /** Every permission bit a bot could reasonably need; sent as a string like Discord does. */
    public static final String ALL_PERMISSIONS = "2251799813685247";

    private Payloads() {}

    public static String timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    public static ObjectNode user(EmulatedUser user) {
        ObjectNode o = Json.object();
        o.put("id", user.idString());
        o.put("username", user.username());
        o.put("discriminator", "0");
        o.put("global_name", user.username());
        o.putNull("avatar");
        o.put("bot", user.bot());
        o.put("system", false);
        o.put("public_flags", 0);
        return o;
    }

    public static ObjectNode member(EmulatedUser user, List<Long> roles, Instant joinedAt) {
        ObjectNode o = Json.object();
        o.set("user", user(user));
        o.putNull("nick");
        o.putNull("avatar");
        ArrayNode r = o.putArray("roles");
        roles.forEach(id -> r.add(Json.id(id)));
        o.put("joined_at", timestamp(joinedAt));
        o.putNull("premium_since");
        o.put("deaf", false);
        o.put("mute", false);
        o.put("flags", 0);
        o.put("pending", false);
        o.putNull("communication_disabled_until");
        return o;
    }

    public static ObjectNode role(long id, String name, int position, String permissions) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(id));
        o.put("name", name);
        o.put("color", 0);
        ObjectNode colors = o.putObject("colors");
        colors.put("primary_color", 0);
        colors.putNull("secondary_color");
        colors.putNull("tertiary_color");
        o.put("hoist", false);
        o.putNull("icon");
        o.putNull("unicode_emoji");
        o.put("position", position);
        o.put("permissions", permissions);
        o.put("managed", false);
        o.put("mentionable", false);
        o.put("flags", 0);
        return o;
    }

    /** A guild channel; type 0 text, 2 voice, 4 category, 5 announcement. */
    public static ObjectNode channel(long id, long guildId, String name, int type, int position, Long parentId) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(id));
        o.put("type", type);
        o.put("guild_id", Json.id(guildId));
        o.put("name", name);
        o.put("position", position);
        o.putArray("permission_overwrites");
        o.put("nsfw", false);
        o.put("flags", 0);
        if (parentId == null) {
            o.putNull("parent_id");
        } else {
            o.put("parent_id", Json.id(parentId));
        }
        if (type == 0 || type == 5) {
            o.putNull("topic");
            o.put("rate_limit_per_user", 0);
            o.putNull("last_message_id");
        }
        if (type == 2) {
            o.put("bitrate", 64000);
            o.put("user_limit", 0);
            o.putNull("rtc_region");
        }
        return o;
    }

    public static ObjectNode dmChannel(long id, EmulatedUser recipient) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(id));
        o.put("type", 1);
        o.putNull("last_message_id");
        o.put("flags", 0);
        o.putArray("recipients").add(user(recipient));
        return o;
    }

    /**
     * A full message object as returned by Discord. {@code body} may carry content, embeds, components, flags.
     */
    public static ObjectNode message(
            long id, long channelId, Long guildId, EmulatedUser author, JsonNode body, Instant at, Long applicationId) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(id));
        o.put("channel_id", Json.id(channelId));
        if (guildId != null) {
            o.put("guild_id", Json.id(guildId));
        }
        o.set("author", user(author));
        o.put("content", text(body, "content"));
        o.put("timestamp", timestamp(at));
        o.putNull("edited_timestamp");
        o.put("tts", body != null && body.path("tts").asBoolean(false));
        o.put("mention_everyone", false);
        o.putArray("mentions");
        o.putArray("mention_roles");
        o.putArray("attachments");
        o.set("embeds", arrayOrEmpty(body, "embeds"));
        o.set("components", arrayOrEmpty(body, "components"));
        o.put("pinned", false);
        o.put("type", 0);
        o.put("flags", body == null ? 0 : body.path("flags").asInt(0));
        if (applicationId != null) {
            o.put("application_id", Json.id(applicationId));
        }
        return o;
    }

    /** Applies an edit body (content, embeds, components, flags) to a stored message, Discord-style. */
    public static void applyEdit(ObjectNode message, JsonNode edit, Instant at) {
        if (edit.has("content")) {
            message.put("content", edit.get("content").isNull() ? "" : edit.get("content").asText());
        }
        if (edit.has("embeds")) {
            message.set("embeds", arrayOrEmpty(edit, "embeds"));
        }
        if (edit.has("components")) {
            message.set("components", arrayOrEmpty(edit, "components"));
        }
        if (edit.has("flags") && edit.get("flags").isInt()) {
            message.put("flags", edit.get("flags").asInt());
        }
        message.put("edited_timestamp", timestamp(at));
    }

    private static String text(JsonNode body, String field) {
        if (body == null || !body.hasNonNull(field)) {
            return "";
        }
        return body.get(field).asText();
    }

    private static ArrayNode arrayOrEmpty(JsonNode body, String field) {
        if (body != null && body.get(field) instanceof ArrayNode a) {
            return a.deepCopy();
        }
        return Json.array();
    }
}
