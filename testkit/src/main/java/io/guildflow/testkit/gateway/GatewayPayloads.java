package io.guildflow.testkit.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        app.put("id", world.bot().id());
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

    /** Member objects of {@code users} in the guild (the bot carries its managed role; others their own). */
    static ArrayNode members(World world, GuildState g, List<EmulatedUser> users) {
        ArrayNode members = Json.array();
        for (EmulatedUser u : users) {
            members.add(Payloads.member(world.memberView(g, u)));
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
     * GUILD_CREATE: the guild object with its extra fields. Without GUILD_PRESENCES Discord lists only the bot's own
     * member and members in voice channels (gateway events, "Guild Create"); {@code member_count} counts everyone.
     */
    static ObjectNode guildCreate(World world, GuildState g, Instant now, boolean allMembers) {
        ObjectNode d = Payloads.guild(g);
        d.put("joined_at", Payloads.timestamp(world.joinedAt()));
        d.put("large", false);
        d.put("unavailable", false);
        d.put("lazy", true);
        d.put("member_count", g.roster().count() + 1);
        d.set("channels", g.channelsJson());
        Map<Long, Long> voice = g.roster().voiceChannels();
        List<EmulatedUser> listed = new ArrayList<>();
        listed.add(world.bot());
        g.members().stream().filter(u -> allMembers || voice.containsKey(u.snowflake())).forEach(listed::add);
        d.set("members", members(world, g, listed));
        d.set("threads", g.threadsJson());
        d.putArray("guild_scheduled_events");
        d.putArray("soundboard_sounds");
        ArrayNode voiceStates = d.putArray("voice_states");
        voice.forEach((userId, channelId) -> g.member(userId).ifPresent(m -> {
            ObjectNode state = Payloads.voiceState(g.id(), m, channelId, "emulated-" + Json.id(userId));
            state.remove("guild_id");
            state.remove("member");
            voiceStates.add(state);
        }));
        d.putArray("presences");
        d.putArray("stage_instances");
        d.putArray("embedded_activities");
        return d;
    }
}
