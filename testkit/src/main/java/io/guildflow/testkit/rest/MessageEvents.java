package io.guildflow.testkit.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.gateway.GatewayHub;
import io.guildflow.testkit.gateway.Intents;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.World;
import java.util.List;

/** Gateway events caused by REST calls, sent only to sessions with the matching intent, as on Discord. */
final class MessageEvents {
    private MessageEvents() {}

    /** MESSAGE_CREATE for a new, non-ephemeral message (author: the bot). */
    static void created(GatewayHub hub, World world, ObjectNode message) {
        if ((message.path("flags").asInt(0) & 64) != 0) {
            return;
        }
        ObjectNode d;
        synchronized (message) {
            d = message.deepCopy();
        }
        if (d.hasNonNull("guild_id")) {
            long guildId = Long.parseUnsignedLong(d.get("guild_id").asText());
            List<Long> roles = world.guild(guildId).map(g -> List.of(g.botRoleId())).orElse(List.of());
            ObjectNode member = Payloads.member(world.bot(), roles, world.joinedAt());
            member.remove("user");
            d.set("member", member);
            hub.dispatch(guildId, "MESSAGE_CREATE", d, Intents.GUILD_MESSAGES);
        } else {
            d.put("channel_type", 1);
            hub.dispatch(null, "MESSAGE_CREATE", d, Intents.DIRECT_MESSAGES);
        }
    }

    static void guildEvent(GatewayHub hub, GuildState guild, String type, ObjectNode d) {
        hub.dispatch(guild.id(), type, d, Intents.GUILDS);
    }
}
