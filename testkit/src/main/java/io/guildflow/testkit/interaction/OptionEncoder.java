package io.guildflow.testkit.interaction;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Turns a command path ("admin roles add") and a Map of option values into Discord's option tree. */
final class OptionEncoder {
    private OptionEncoder() {}

    /**
     * Fills {@code data.name}, {@code data.options} and {@code data.resolved}. Options go to the innermost
     * subcommand. {@code focused} (may be null) marks the autocomplete option.
     */
    static void encode(
            ObjectNode data,
            String fullName,
            Map<String, ?> options,
            String focused,
            Long guildId,
            Instant joinedAt) {
        String[] parts = fullName.trim().split("\\s+");
        data.put("name", parts[0]);
        ArrayNode target = data.putArray("options");
        for (int i = 1; i < parts.length; i++) {
            ObjectNode sub = target.addObject();
            sub.put("type", i == 1 && parts.length == 3 ? 2 : 1);
            sub.put("name", parts[i]);
            target = sub.putArray("options");
        }
        ObjectNode resolved = Json.object();
        for (Map.Entry<String, ?> e : options.entrySet()) {
            ObjectNode opt = target.addObject();
            opt.put("name", e.getKey());
            Object v = e.getValue();
            if (v instanceof CommandOption typed) {
                opt.put("type", typed.type());
                putValue(opt, typed.value());
            } else if (v instanceof EmulatedUser user) {
                opt.put("type", 6);
                opt.put("value", user.id());
                resolveUser(resolved, user, guildId, joinedAt);
            } else if (v instanceof Boolean b) {
                opt.put("type", 5);
                opt.put("value", b);
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                opt.put("type", 4);
                opt.put("value", ((Number) v).longValue());
            } else if (v instanceof Number n) {
                opt.put("type", 10);
                opt.put("value", n.doubleValue());
            } else {
                opt.put("type", 3);
                opt.put("value", String.valueOf(v));
            }
            if (e.getKey().equals(focused)) {
                opt.put("focused", true);
            }
        }
        if (!resolved.isEmpty()) {
            data.set("resolved", resolved);
        }
    }

    static void resolveUser(ObjectNode resolved, EmulatedUser user, Long guildId, Instant joinedAt) {
        resolved.withObjectProperty("users").set(user.id(), Payloads.user(user));
        if (guildId != null) {
            ObjectNode member = Payloads.member(user, List.of(), joinedAt);
            member.remove("user");
            member.put("permissions", Payloads.ALL_PERMISSIONS);
            resolved.withObjectProperty("members").set(user.id(), member);
        }
    }

    private static void putValue(ObjectNode opt, Object value) {
        if (value instanceof Long l) {
            opt.put("value", l);
        } else if (value instanceof Integer i) {
            opt.put("value", i);
        } else if (value instanceof Double d) {
            opt.put("value", d);
        } else if (value instanceof Boolean b) {
            opt.put("value", b);
        } else {
            opt.put("value", String.valueOf(value));
        }
    }
}
