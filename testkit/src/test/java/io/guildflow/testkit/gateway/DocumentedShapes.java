package io.guildflow.testkit.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field lists of Discord's documented objects and events (discord-api-docs, developers/resources/*.mdx and
 * events/gateway-events.mdx): "required" are the fields without {@code ?}, "optional" those with it. A payload
 * matches a shape when it has every required field and nothing undocumented.
 */
final class DocumentedShapes {
    record Shape(String name, Set<String> required, Set<String> optional) {
        Shape plus(Set<String> moreRequired, Set<String> moreOptional) {
            Set<String> r = new HashSet<>(required);
            r.addAll(moreRequired);
            Set<String> o = new HashSet<>(optional);
            o.addAll(moreOptional);
            o.removeAll(r);
            return new Shape(name, r, o);
        }
    }

    /** resources/message.mdx, "Message Structure". */
    static final Shape MESSAGE = new Shape("message", Set.of("id", "channel_id", "author", "content", "timestamp",
            "edited_timestamp", "tts", "mention_everyone", "mentions", "mention_roles", "attachments", "embeds",
            "pinned", "type"), Set.of("mention_channels", "reactions", "nonce", "webhook_id", "activity", "application",
            "application_id", "flags", "message_reference", "message_snapshots", "referenced_message",
            "interaction_metadata", "interaction", "thread", "components", "sticker_items", "stickers", "position",
            "role_subscription_data", "resolved", "poll", "call", "shared_client_theme"));
    /** gateway-events.mdx, "Message Create Extra Fields" (in a guild: guild_id and member are sent). */
    static final Shape MESSAGE_CREATE = MESSAGE.plus(Set.of(), Set.of("guild_id", "member", "channel_type"));
    /** resources/guild.mdx, "Guild Member Structure". */
    static final Shape MEMBER = new Shape("guild member", Set.of("roles", "joined_at", "deaf", "mute", "flags"),
            Set.of("user", "nick", "avatar", "banner", "premium_since", "pending", "permissions",
                    "communication_disabled_until", "avatar_decoration_data", "collectibles"));
    /** resources/user.mdx, "User Structure". */
    static final Shape USER = new Shape("user", Set.of("id", "username", "discriminator", "global_name", "avatar"),
            Set.of("bot", "system", "mfa_enabled", "banner", "accent_color", "locale", "verified", "email", "flags",
                    "premium_type", "public_flags", "avatar_decoration_data", "collectibles", "primary_guild"));
    /** resources/channel.mdx, "Channel Structure". */
    static final Shape CHANNEL = new Shape("channel", Set.of("id", "type"), Set.of("guild_id", "position",
            "permission_overwrites", "name", "topic", "nsfw", "last_message_id", "bitrate", "user_limit",
            "rate_limit_per_user", "recipients", "icon", "owner_id", "application_id", "managed", "parent_id",
            "last_pin_timestamp", "rtc_region", "video_quality_mode", "message_count", "member_count", "thread_metadata",
            "member", "default_auto_archive_duration", "permissions", "app_permissions", "flags", "total_message_sent",
            "available_tags", "applied_tags", "default_reaction_emoji", "default_thread_rate_limit_per_user",
            "default_sort_order", "default_forum_layout"));
    /** topics/permissions.mdx, "Role Structure". */
    static final Shape ROLE = new Shape("role", Set.of("id", "name", "color", "colors", "hoist", "position",
            "permissions", "managed", "mentionable", "flags"), Set.of("icon", "unicode_emoji", "tags"));
    /** resources/voice.mdx, "Voice State Structure". */
    static final Shape VOICE_STATE = new Shape("voice state", Set.of("channel_id", "user_id", "session_id", "deaf",
            "mute", "self_deaf", "self_mute", "self_video", "suppress", "request_to_speak_timestamp"),
            Set.of("guild_id", "member", "self_stream"));
    /** resources/emoji.mdx, "Emoji Structure" (a reaction's partial emoji). */
    static final Shape EMOJI = new Shape("emoji", Set.of("id", "name"), Set.of("roles", "user", "require_colons",
            "managed", "animated", "available"));
    /** resources/guild.mdx, "Guild Structure". */
    static final Shape GUILD = new Shape("guild", Set.of("id", "name", "icon", "splash", "discovery_splash",
            "owner_id", "afk_channel_id", "afk_timeout", "verification_level", "default_message_notifications",
            "explicit_content_filter", "roles", "emojis", "features", "mfa_level", "application_id",
            "system_channel_id", "system_channel_flags", "rules_channel_id", "vanity_url_code", "description", "banner",
            "premium_tier", "preferred_locale", "public_updates_channel_id", "nsfw_level",
            "premium_progress_bar_enabled", "safety_alerts_channel_id", "incidents_data"),
            Set.of("icon_hash", "owner", "permissions", "region", "widget_enabled", "widget_channel_id",
                    "max_presences", "max_members", "premium_subscription_count", "max_video_channel_users",
                    "max_stage_video_channel_users", "approximate_member_count", "approximate_presence_count",
                    "welcome_screen", "stickers"));

    private DocumentedShapes() {}

    static Shape event(String name, Set<String> required, Set<String> optional) {
        return new Shape(name, required, optional);
    }

    static void assertShape(Shape shape, JsonNode payload) {
        Set<String> present = new TreeSet<>();
        for (Iterator<String> it = payload.fieldNames(); it.hasNext(); ) {
            present.add(it.next());
        }
        Set<String> missing = new TreeSet<>(shape.required());
        missing.removeAll(present);
        Set<String> undocumented = new TreeSet<>(present);
        undocumented.removeAll(shape.required());
        undocumented.removeAll(shape.optional());
        assertTrue(missing.isEmpty() && undocumented.isEmpty(), shape.name() + ": missing " + missing
                + ", undocumented " + undocumented + " in " + payload);
    }
}
