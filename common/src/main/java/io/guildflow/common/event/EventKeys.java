package io.guildflow.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The de-duplication key of a gateway event, taken from what Discord sent, never from the session's sequence
 * number (two gateways holding the same shard number the same event differently). An event gets a key only where
 * Discord's ids make it unique for good: a message is created once, and edited once per edit time. The others
 * (reactions, member updates and removals, bans, updates without an edit time, voice states, any type not listed
 * here) have no such key: a user may add, remove and add the same reaction again, and the two adds look the same.
 * They reach handlers at least once; a handler of one keeps state (a reaction is present or not) rather than
 * counting arrivals. docs/events.md carries this table for bot authors.
 */
public final class EventKeys {
    private EventKeys() {
    }

    /** The key of a dispatch, or empty when the event has no natural one. Never fails on an unexpected shape. */
    public static Optional<String> of(String dispatchType, JsonNode d) {
        List<String> parts = switch (dispatchType) {
            case "MESSAGE_CREATE", "MESSAGE_DELETE", "CHANNEL_CREATE", "CHANNEL_DELETE", "THREAD_CREATE",
                    "THREAD_DELETE" -> Arrays.asList(text(d, "id"));
            case "MESSAGE_UPDATE" -> Arrays.asList(text(d, "id"), text(d, "edited_timestamp"));
            case "MESSAGE_DELETE_BULK" -> Arrays.asList(text(d, "channel_id"), digest(d.path("ids")));
            case "GUILD_MEMBER_ADD" -> Arrays.asList(text(d, "guild_id"), text(d.path("user"), "id"), text(d, "joined_at"));
            case "GUILD_ROLE_CREATE" -> Arrays.asList(text(d.path("role"), "id"));
            case "GUILD_ROLE_DELETE" -> Arrays.asList(text(d, "role_id"));
            case "AUTO_MODERATION_ACTION_EXECUTION" -> Arrays.asList(text(d, "rule_id"), text(d, "user_id"),
                    text(d, "message_id"), text(d.path("action"), "type"));
            default -> List.<String>of();
        };
        if (parts.isEmpty() || parts.contains(null)) {
            return Optional.empty();
        }
        return Optional.of(EventScope.typeToken(dispatchType) + ":" + String.join(":", parts));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() || value.isNumber() ? value.asText() : null;
    }

    /** A bulk delete names its messages; the list (in Discord's order) is the key, shortened to a digest. */
    private static String digest(JsonNode ids) {
        if (!ids.isArray() || ids.isEmpty()) {
            return null;
        }
        List<String> each = new ArrayList<>();
        ids.forEach(id -> each.add(id.asText()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", each).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
