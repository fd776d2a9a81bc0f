package io.guildflow.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Whose event a gateway dispatch is: a guild's ({@code guild_id} in its payload) or, without one, the user's it
 * came from in direct messages. Events of one scope share a partition, which is what keeps them in order.
 *
 * @param kind {@code guild} or {@code dm}: a subject token
 * @param id   the guild's or user's snowflake; {@code 0} for a dispatch naming neither
 */
public record EventScope(String kind, String id) {
    public static final String GUILD = "guild";
    public static final String DM = "dm";
    /** The id of a dispatch tied to neither a guild nor a user (none of the typed ones is). */
    public static final String NOBODY = "0";

    public EventScope {
        if (!GUILD.equals(kind) && !DM.equals(kind)) {
            throw new IllegalArgumentException("event scope kind must be guild or dm, not " + kind);
        }
        if (!id.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("event scope id must be a snowflake, not " + id);
        }
    }

    public static EventScope guild(String guildId) {
        return new EventScope(GUILD, guildId);
    }

    /** The scope of a dispatch, read from Discord's {@code d} object; never fails on a shape it does not know. */
    public static EventScope of(JsonNode data) {
        String guild = text(data.path("guild_id"));
        if (guild != null) {
            return new EventScope(GUILD, guild);
        }
        for (JsonNode user : new JsonNode[] {data.path("author").path("id"), data.path("user_id"),
                data.path("user").path("id"), data.path("member").path("user").path("id")}) {
            String id = text(user);
            if (id != null) {
                return new EventScope(DM, id);
            }
        }
        return new EventScope(DM, NOBODY);
    }

    /**
     * The partition this scope's events travel in, the same in every process and JVM: a multiplicative hash of
     * the snowflake, whose low bits alone (a per-process counter) would spread guilds unevenly.
     */
    public int partition(int partitions) {
        long mixed = Long.parseUnsignedLong(id) * 0x9E3779B97F4A7C15L;
        return (int) Long.remainderUnsigned(mixed >>> 16, partitions);
    }

    /**
     * The subject token of a dispatch name: {@code MESSAGE_CREATE} → {@code message_create}. A character that would
     * change what a subject means (a dot, a wildcard, a space) becomes {@code _}: a name Discord adds later never
     * breaks the stream.
     */
    public static String typeToken(String dispatchType) {
        String token = dispatchType.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return token.isEmpty() ? "_" : token;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && node.asText().matches("[0-9]{1,20}") ? node.asText() : null;
    }
}
