package io.guildflow.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Registered application commands, global (guildId 0) and per guild, keyed by (name, type). */
public final class CommandStore {
    private final Snowflakes ids;
    private final long applicationId;
    private final Map<Long, Map<String, ObjectNode>> byScope = new LinkedHashMap<>();

    public CommandStore(Snowflakes ids, long applicationId) {
        this.ids = ids;
        this.applicationId = applicationId;
    }

    public synchronized ArrayNode list(long guildId) {
        ArrayNode out = Json.array();
        byScope.getOrDefault(guildId, Map.of()).values().forEach(c -> out.add(c.deepCopy()));
        return out;
    }

    /** Bulk overwrite: replaces all commands of the scope, keeping ids of commands that already existed. */
    public synchronized ArrayNode overwrite(long guildId, JsonNode commands) {
        Map<String, ObjectNode> old = byScope.getOrDefault(guildId, Map.of());
        Map<String, ObjectNode> fresh = new LinkedHashMap<>();
        for (JsonNode c : commands) {
            String key = key(c);
            ObjectNode previous = old.get(key);
            fresh.put(key, normalize(guildId, c, previous == null ? ids.next() : id(previous)));
        }
        byScope.put(guildId, fresh);
        return list(guildId);
    }

    /** Create or replace one command (POST upserts by name on Discord). */
    public synchronized ObjectNode upsert(long guildId, JsonNode command) {
        Map<String, ObjectNode> scope = byScope.computeIfAbsent(guildId, k -> new LinkedHashMap<>());
        String key = key(command);
        ObjectNode previous = scope.get(key);
        ObjectNode created = normalize(guildId, command, previous == null ? ids.next() : id(previous));
        scope.put(key, created);
        return created.deepCopy();
    }

    public synchronized boolean delete(long guildId, long commandId) {
        Map<String, ObjectNode> scope = byScope.get(guildId);
        return scope != null && scope.values().removeIf(c -> id(c) == commandId);
    }

    public synchronized Optional<ObjectNode> get(long guildId, long commandId) {
        return byScope.getOrDefault(guildId, Map.of()).values().stream()
                .filter(c -> id(c) == commandId)
                .findFirst()
                .map(ObjectNode::deepCopy);
    }

    /** The id a dispatched command should carry: the registered one (guild first, then global) or a stable new one. */
    public synchronized long idFor(long guildId, String name, int type) {
        String key = type + ":" + name;
        for (long scope : new long[] {guildId, 0L}) {
            ObjectNode c = byScope.getOrDefault(scope, Map.of()).get(key);
            if (c != null) {
                return id(c);
            }
        }
        Map<String, ObjectNode> unregistered = byScope.computeIfAbsent(-1L, k -> new LinkedHashMap<>());
        return id(unregistered.computeIfAbsent(key, k -> {
            ObjectNode o = Json.object();
            o.put("id", Json.id(ids.next()));
            return o;
        }));
    }

    private ObjectNode normalize(long guildId, JsonNode c, long id) {
        ObjectNode o = c.deepCopy();
        o.put("id", Json.id(id));
        o.put("application_id", Json.id(applicationId));
        if (guildId != 0) {
            o.put("guild_id", Json.id(guildId));
        }
        o.put("version", Json.id(ids.next()));
        if (!o.has("type")) {
            o.put("type", 1);
        }
        if (!o.has("description")) {
            o.put("description", "");
        }
        if (!o.has("default_member_permissions")) {
            o.putNull("default_member_permissions");
        }
        if (!o.has("nsfw")) {
            o.put("nsfw", false);
        }
        if (!o.has("options")) {
            o.putArray("options");
        }
        return o;
    }

    private static String key(JsonNode c) {
        return c.path("type").asInt(1) + ":" + c.path("name").asText();
    }

    private static long id(JsonNode c) {
        return Long.parseUnsignedLong(c.path("id").asText());
    }
}
