package io.guildflow.testkit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Which session gets a dispatch and in which form, as Discord decides it (gateway docs, "List of Intents", "Caveats"
 * and "Message Content Intent"): the intent a dispatch type needs (in a guild or in a DM), and the copy a session
 * without MESSAGE_CONTENT gets.
 */
final class EventDispatches {
    /** Intent per dispatch type in a guild; a type not listed is sent to every session (READY, INTERACTION_CREATE). */
    private static final Map<String, Long> GUILD_INTENTS = Map.ofEntries(
            Map.entry("GUILD_CREATE", Intents.GUILDS),
            Map.entry("GUILD_UPDATE", Intents.GUILDS),
            Map.entry("GUILD_DELETE", Intents.GUILDS),
            Map.entry("GUILD_ROLE_CREATE", Intents.GUILDS),
            Map.entry("GUILD_ROLE_UPDATE", Intents.GUILDS),
            Map.entry("GUILD_ROLE_DELETE", Intents.GUILDS),
            Map.entry("CHANNEL_CREATE", Intents.GUILDS),
            Map.entry("CHANNEL_UPDATE", Intents.GUILDS),
            Map.entry("CHANNEL_DELETE", Intents.GUILDS),
            Map.entry("THREAD_CREATE", Intents.GUILDS),
            Map.entry("THREAD_UPDATE", Intents.GUILDS),
            Map.entry("THREAD_DELETE", Intents.GUILDS),
            Map.entry("GUILD_MEMBER_ADD", Intents.GUILD_MEMBERS),
            Map.entry("GUILD_MEMBER_UPDATE", Intents.GUILD_MEMBERS),
            Map.entry("GUILD_MEMBER_REMOVE", Intents.GUILD_MEMBERS),
            Map.entry("GUILD_BAN_ADD", Intents.GUILD_MODERATION),
            Map.entry("GUILD_BAN_REMOVE", Intents.GUILD_MODERATION),
            Map.entry("VOICE_STATE_UPDATE", Intents.GUILD_VOICE_STATES),
            Map.entry("MESSAGE_CREATE", Intents.GUILD_MESSAGES),
            Map.entry("MESSAGE_UPDATE", Intents.GUILD_MESSAGES),
            Map.entry("MESSAGE_DELETE", Intents.GUILD_MESSAGES),
            Map.entry("MESSAGE_DELETE_BULK", Intents.GUILD_MESSAGES),
            Map.entry("MESSAGE_REACTION_ADD", Intents.GUILD_MESSAGE_REACTIONS),
            Map.entry("MESSAGE_REACTION_REMOVE", Intents.GUILD_MESSAGE_REACTIONS),
            Map.entry("MESSAGE_REACTION_REMOVE_ALL", Intents.GUILD_MESSAGE_REACTIONS),
            Map.entry("MESSAGE_REACTION_REMOVE_EMOJI", Intents.GUILD_MESSAGE_REACTIONS),
            Map.entry("AUTO_MODERATION_ACTION_EXECUTION", Intents.AUTO_MODERATION_EXECUTION));

    /** The same dispatches in a DM with the bot. */
    private static final Map<String, Long> DM_INTENTS = Map.of(
            "MESSAGE_CREATE", Intents.DIRECT_MESSAGES,
            "MESSAGE_UPDATE", Intents.DIRECT_MESSAGES,
            "MESSAGE_DELETE", Intents.DIRECT_MESSAGES,
            "MESSAGE_REACTION_ADD", Intents.DIRECT_MESSAGE_REACTIONS,
            "MESSAGE_REACTION_REMOVE", Intents.DIRECT_MESSAGE_REACTIONS,
            "MESSAGE_REACTION_REMOVE_ALL", Intents.DIRECT_MESSAGE_REACTIONS,
            "MESSAGE_REACTION_REMOVE_EMOJI", Intents.DIRECT_MESSAGE_REACTIONS);

    private EventDispatches() {}

    /** The intent a session must have identified with to get this dispatch; 0 when every session gets it. */
    static long requiredIntent(String type, boolean dm, JsonNode d, long botId) {
        if (type.equals("GUILD_MEMBER_UPDATE") && d.path("user").path("id").asText().equals(Long.toUnsignedString(botId))) {
            return 0; // "Caveats": sent for the current user's member whatever the intents
        }
        Long intent = (dm ? DM_INTENTS : GUILD_INTENTS).get(type);
        if (intent == null && dm && GUILD_INTENTS.containsKey(type)) {
            throw new IllegalArgumentException(type + " does not happen in a DM");
        }
        return intent == null ? 0 : intent;
    }

    /**
     * What a session without MESSAGE_CONTENT gets instead of {@code d}, or null when it gets {@code d} as it is: the
     * message fields {@code content}, {@code embeds}, {@code attachments}, {@code components} empty and {@code poll}
     * left out, except in DMs, in the bot's own messages and in messages that mention the bot; AutoMod's
     * {@code content} and {@code matched_content} empty.
     */
    static ObjectNode withoutMessageContent(String type, ObjectNode d, long botId) {
        switch (type) {
            case "MESSAGE_CREATE", "MESSAGE_UPDATE" -> {
                if (!d.hasNonNull("guild_id") || authoredOrMentioned(d, Long.toUnsignedString(botId))) {
                    return null;
                }
                ObjectNode blank = d.deepCopy();
                blank.put("content", "");
                for (String field : new String[] {"embeds", "attachments", "components"}) {
                    blank.putArray(field);
                }
                blank.remove("poll");
                return blank;
            }
            case "AUTO_MODERATION_ACTION_EXECUTION" -> {
                ObjectNode blank = d.deepCopy();
                blank.put("content", "");
                blank.put("matched_content", "");
                return blank;
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean authoredOrMentioned(JsonNode message, String botId) {
        if (message.path("author").path("id").asText().equals(botId)) {
            return true;
        }
        for (JsonNode mentioned : message.path("mentions")) {
            if (mentioned.path("id").asText().equals(botId)) {
                return true;
            }
        }
        return false;
    }
}
