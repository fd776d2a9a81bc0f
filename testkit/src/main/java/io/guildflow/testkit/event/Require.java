package io.guildflow.testkit.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildMember;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.World;
import java.util.NoSuchElementException;
import java.util.Set;

/** Lookups that refuse an unknown guild, channel or member with a NoSuchElementException naming it. */
final class Require {
    private Require() {}

    static GuildState guild(World world, long guildId) {
        return world.guild(guildId).orElseThrow(() -> new NoSuchElementException("unknown guild " + Json.id(guildId)));
    }

    /** A channel or thread of the guild whose type is one of {@code types} (IllegalArgumentException otherwise). */
    static ObjectNode channel(GuildState guild, long channelId, Set<Integer> types, String purpose) {
        ObjectNode channel = guild.channel(channelId).orElseThrow(() -> new NoSuchElementException(
                "unknown channel " + Json.id(channelId) + " in guild " + guild.idString()));
        int type = channel.path("type").asInt();
        if (!types.contains(type)) {
            throw new IllegalArgumentException("channel " + Json.id(channelId) + " (type " + type + ") " + purpose);
        }
        return channel;
    }

    /** The user's membership of the guild (the bot included). */
    static GuildMember member(World world, GuildState guild, EmulatedUser user) {
        return world.member(guild, user.snowflake()).orElseThrow(() -> new NoSuchElementException(
                user.username() + " is not a member of guild " + guild.idString()));
    }
}
