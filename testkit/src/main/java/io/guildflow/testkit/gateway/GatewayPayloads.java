package io.guildflow.testkit.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.World;
import java.time.Instant;
import java.util.List;

/** READY and GUILD_CREATE payloads with every field JDA reads. */
final class GatewayPayloads {
    private GatewayPayloads() {}

    static ObjectNode ready(World world, String sessionId, String resumeUrl, int shard, int total, List<GuildState> gs) {
        ObjectNode d = Json.object();
        d.put("v", 10);
        ObjectNode user = Payloads.user(world.bot());
        user.put("verified", true);
        user.put("mfa_enabled", false);
        user.put("flags", 0);
        user.putNull("email");
        d.set("user", user);
        ArrayNode guilds = d.putArray("guilds");
        gs.forEach(g -> guilds.addObject().put("id", g.idString()).put("unavailable", true));
        d.put("session_id", sessionId);
        d.put("session_type", "normal");
        d.put("resume_gateway_url", resumeUrl);
        d.putArray("shard").add(shard).add(total);
        ObjectNode app = d.putObject("application");
        app.put("id", world.bot().idString());
        app.put("flags", 0);
        d.putArray("private_channels");
        d.putArray("relationships");
        d.putArray("presences");
        d.putArray("guild_join_requests");
        d.putArray("geo_ordered_rtc_regions");
        d.putObject("user_settings");
        d.putObject("auth");
        return d;
    }

    /** Member objects of {@code users} in the guild (the bot carries its managed role). */
    static ArrayNode members(World world, GuildState g, List<EmulatedUser> users) {
        ArrayNode members = Json.array();
        for (EmulatedUser u : users) {
            members.add(Payloads.member(u, u.id() == world.bot().id() ? List.of(g.botRoleId()) : List.of(),
                    world.joinedAt()));
        }
        return members;
    }

    /** Discord's unavailable guild object; without {@code unavailable} it means the bot was removed. */
    static ObjectNode unavailableGuild(long guildId, boolean unavailable) {
        ObjectNode d = Json.object().put("id", Json.id(guildId));
        if (unavailable) {
            d.put("unavailable", true);
        }
        return d;
    }

    /**
     * GUILD_CREATE. Without GUILD_PRESENCES Discord sends only the bot's own member (gateway events, "Request Guild
     * Members"); {@code member_count} always counts everyone.
     */
    static ObjectNode guildCreate(World world, GuildState g, Instant now, boolean allMembers) {
        ObjectNode d = Json.object();
        d.put("id", g.idString());
        d.put("name", g.name());
        d.putNull("icon");
        d.putNull("icon_hash");
        d.putNull("splash");
        d.putNull("discovery_splash");
        d.putNull("banner");
        d.putNull("description");
        d.putNull("vanity_url_code");
        d.put("owner_id", Json.id(g.ownerId()));
        d.putNull("afk_channel_id");
        d.put("afk_timeout", 300);
        d.put("widget_enabled", false);
        d.put("verification_level", 0);
        d.put("default_message_notifications", 0);
        d.put("explicit_content_filter", 0);
        d.putArray("features");
        d.put("mfa_level", 0);
        d.putNull("application_id");
        d.putNull("system_channel_id");
        d.put("system_channel_flags", 0);
        d.putNull("rules_channel_id");
        d.putNull("public_updates_channel_id");
        d.putNull("safety_alerts_channel_id");
        d.put("max_presences", 25000);
        d.put("max_members", 500000);
        d.put("premium_tier", 0);
        d.put("premium_subscription_count", 0);
        d.put("preferred_locale", "en-US");
        d.put("max_video_channel_users", 25);
        d.put("nsfw_level", 0);
        d.put("nsfw", false);
        d.put("premium_progress_bar_enabled", false);
        d.put("joined_at", Payloads.timestamp(world.joinedAt()));
        d.put("large", false);
        d.put("unavailable", false);
        d.put("lazy", true);
        d.put("member_count", g.members().size() + 1);
        d.set("roles", g.rolesJson());
        d.set("channels", g.channelsJson());
        List<EmulatedUser> listed = new java.util.ArrayList<>();
        listed.add(world.bot());
        if (allMembers) {
            listed.addAll(g.members());
        }
        d.set("members", members(world, g, listed));
        d.putArray("threads");
        d.putArray("guild_scheduled_events");
        d.putArray("emojis");
        d.putArray("stickers");
        d.putArray("soundboard_sounds");
        d.putArray("voice_states");
        d.putArray("presences");
        d.putArray("stage_instances");
        d.putArray("embedded_activities");
        return d;
    }
}
