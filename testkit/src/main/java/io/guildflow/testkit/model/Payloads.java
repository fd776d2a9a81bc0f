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
        o.put("id", user.id());
        o.put("username", user.username());
        o.put("discriminator", "0");
        o.put("global_name", user.username());
        o.putNull("avatar");
        o.put("bot", user.bot());
        o.put("system", false);
        o.put("public_flags", 0);
        return o;
    }

    public static ObjectNode member(EmulatedUser user, List<String> roles, Instant joinedAt) {
        return member(new GuildMember(user, roles, null, joinedAt));
    }

    /** Guild member object (resources/guild, "Guild Member Object"), {@code user} included. */
    public static ObjectNode member(GuildMember member) {
        ObjectNode o = Json.object();
        o.set("user", user(member.user()));
        if (member.nick() == null) {
            o.putNull("nick");
        } else {
            o.put("nick", member.nick());
        }
        o.putNull("avatar");
        o.putNull("banner");
        ArrayNode r = o.putArray("roles");
        member.roles().forEach(r::add);
        o.put("joined_at", timestamp(member.joinedAt()));
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

    /** The guild object (resources/guild, "Guild Object"): what GUILD_UPDATE carries, GUILD_CREATE extends. */
    public static ObjectNode guild(GuildState g) {
        ObjectNode d = Json.object();
        d.put("id", g.idString());
        d.put("name", g.name());
        for (String absent : List.of("icon", "icon_hash", "splash", "discovery_splash", "banner", "description",
                "vanity_url_code", "afk_channel_id", "application_id", "system_channel_id", "rules_channel_id",
                "public_updates_channel_id", "safety_alerts_channel_id")) {
            d.putNull(absent);
        }
        d.put("owner_id", Json.id(g.ownerId()));
        d.put("afk_timeout", 300);
        d.put("widget_enabled", false);
        for (String zero : List.of("verification_level", "default_message_notifications", "explicit_content_filter",
                "mfa_level", "system_channel_flags", "premium_tier", "premium_subscription_count", "nsfw_level")) {
            d.put(zero, 0);
        }
        d.set("roles", g.rolesJson());
        d.putArray("emojis");
        d.putArray("stickers");
        d.putArray("features");
        d.put("max_presences", 25000);
        d.put("max_members", 500000);
        d.put("preferred_locale", "en-US");
        d.put("max_video_channel_users", 25);
        d.put("premium_progress_bar_enabled", false);
        d.putNull("incidents_data");
        return d;
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

    /**
     * A public thread (type 11) under {@code parentId} (resources/channel, "Example Thread Channel" and "Thread
     * Metadata Structure").
     */
    public static ObjectNode thread(long id, long guildId, long parentId, EmulatedUser owner, String name, Instant at) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(id));
        o.put("guild_id", Json.id(guildId));
        o.put("parent_id", Json.id(parentId));
        o.put("owner_id", owner.id());
        o.put("name", name);
        o.put("type", 11);
        o.putNull("last_message_id");
        for (String zero : List.of("message_count", "rate_limit_per_user", "flags", "total_message_sent")) {
            o.put(zero, 0);
        }
        o.put("member_count", 1);
        ObjectNode meta = o.putObject("thread_metadata");
        meta.put("archived", false);
        meta.put("auto_archive_duration", 1440);
        meta.put("archive_timestamp", timestamp(at));
        meta.put("locked", false);
        meta.put("create_timestamp", timestamp(at));
        return o;
    }

    /**
     * A voice state (resources/voice, "Voice State Object"); {@code channelId} null when the member left voice.
     * GUILD_CREATE lists them without {@code guild_id} and {@code member}.
     */
    public static ObjectNode voiceState(long guildId, GuildMember member, Long channelId, String sessionId) {
        ObjectNode o = Json.object();
        o.put("guild_id", Json.id(guildId));
        if (channelId == null) {
            o.putNull("channel_id");
        } else {
            o.put("channel_id", Json.id(channelId));
        }
        o.put("user_id", member.user().id());
        o.set("member", member(member));
        o.put("session_id", sessionId);
        for (String off : List.of("deaf", "mute", "self_deaf", "self_mute", "self_stream", "self_video", "suppress")) {
            o.put(off, false);
        }
        o.putNull("request_to_speak_timestamp");
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
