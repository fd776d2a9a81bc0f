package io.guildflow.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Registered application commands, global (guildId 0) and per guild, keyed by (name, type). */
public final class CommandStore {
    private final Snowflakes ids;
    private final long applicationId;
    private final Map<Long, Map<String, ObjectNode>> byScope = new LinkedHashMap<>();
    /**
     * Commands registered by name alone through the emulator's shortcuts ({@code commands("ping")}): their options
     * were never stated, so a trigger's options cannot be checked against them (scope + "|" + key).
     */
    private final Set<String> optionsUnstated = new HashSet<>();

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
        optionsUnstated.removeIf(k -> k.startsWith(guildId + "|"));
        return list(guildId);
    }

    /** The stored command and whether POST created it (201) or replaced one of the same name and type (200). */
    public record Upserted(ObjectNode command, boolean created) {}

    /** Create or replace one command: POST upserts by name and type on Discord. */
    public synchronized Upserted upsert(long guildId, JsonNode command) {
        Map<String, ObjectNode> scope = byScope.computeIfAbsent(guildId, k -> new LinkedHashMap<>());
        String key = key(command);
        ObjectNode previous = scope.get(key);
        ObjectNode created = normalize(guildId, command, previous == null ? ids.next() : id(previous));
        scope.put(key, created);
        optionsUnstated.remove(guildId + "|" + key);
        return new Upserted(created.deepCopy(), previous == null);
    }

    /** A shortcut registration by name: stored like {@link #upsert}, its options left unchecked at dispatch. */
    public synchronized Upserted upsertNameOnly(long guildId, JsonNode command) {
        Upserted upserted = upsert(guildId, command);
        optionsUnstated.add(guildId + "|" + key(command));
        return upserted;
    }

    /**
     * Replaces a command by id with {@code merged} (PATCH): a new name renames it, the id stays. Returns empty if
     * another command of the same type already has the new name.
     */
    public synchronized Optional<ObjectNode> replace(long guildId, long commandId, JsonNode merged) {
        Map<String, ObjectNode> scope = byScope.getOrDefault(guildId, Map.of());
        String newKey = key(merged);
        ObjectNode clash = scope.get(newKey);
        if (clash != null && id(clash) != commandId) {
            return Optional.empty();
        }
        scope.values().stream().filter(c -> id(c) == commandId).findFirst()
                .ifPresent(old -> optionsUnstated.remove(guildId + "|" + key(old)));
        scope.values().removeIf(c -> id(c) == commandId);
        optionsUnstated.remove(guildId + "|" + newKey);
        ObjectNode replaced = normalize(guildId, merged, commandId);
        byScope.computeIfAbsent(guildId, k -> new LinkedHashMap<>()).put(newKey, replaced);
        return Optional.of(replaced.deepCopy());
    }

    /** True if the scope has a command of this name and type. */
    public synchronized boolean exists(long guildId, JsonNode command) {
        return byScope.getOrDefault(guildId, Map.of()).containsKey(key(command));
    }

    /** Commands of one type in one scope (0: global). */
    public synchronized int count(long guildId, int type) {
        return (int) byScope.getOrDefault(guildId, Map.of()).values().stream()
                .filter(c -> c.path("type").asInt(1) == type)
                .count();
    }

    public synchronized boolean delete(long guildId, long commandId) {
        Map<String, ObjectNode> scope = byScope.get(guildId);
        if (scope == null) {
            return false;
        }
        scope.values().stream().filter(c -> id(c) == commandId).findFirst()
                .ifPresent(old -> optionsUnstated.remove(guildId + "|" + key(old)));
        return scope.values().removeIf(c -> id(c) == commandId);
    }

    public synchronized Optional<ObjectNode> get(long guildId, long commandId) {
        return byScope.getOrDefault(guildId, Map.of()).values().stream()
                .filter(c -> id(c) == commandId)
                .findFirst()
                .map(ObjectNode::deepCopy);
    }

    /**
     * A registered command a user can invoke: its id, scope (0 for global), a copy of its stored JSON, and whether
     * its options were stated (false for a shortcut registration by name, whose options cannot be checked).
     */
    public record Resolved(long id, long scope, JsonNode command, boolean optionsStated) {}

    /**
     * The command a user invokes by {@code name} and {@code type} where the interaction happens (guildId null: the
     * bot's DM): a guild command of that guild first, then a global one; guild commands never reach DMs, and a
     * global command whose {@code contexts} (or legacy {@code dm_permission}) exclude the place is not offered.
     */
    public synchronized Optional<Resolved> resolve(Long guildId, String name, int type) {
        String key = type + ":" + name;
        if (guildId != null) {
            ObjectNode c = byScope.getOrDefault(guildId, Map.of()).get(key);
            if (c != null) {
                return Optional.of(resolved(c, guildId, key));
            }
        }
        ObjectNode c = byScope.getOrDefault(0L, Map.of()).get(key);
        return c != null && usableIn(c, guildId == null) ? Optional.of(resolved(c, 0L, key)) : Optional.empty();
    }

    private Resolved resolved(ObjectNode command, long scope, String key) {
        return new Resolved(id(command), scope, command.deepCopy(), !optionsUnstated.contains(scope + "|" + key));
    }

    /** Interaction context types: 0 guild, 1 bot DM (application commands docs, "Contexts"). */
    private static boolean usableIn(JsonNode command, boolean dm) {
        JsonNode contexts = command.get("contexts");
        if (contexts != null && contexts.isArray()) {
            int wanted = dm ? 1 : 0;
            for (JsonNode ctx : contexts) {
                if (ctx.asInt(-1) == wanted) {
                    return true;
                }
            }
            return false;
        }
        return !dm || command.path("dm_permission").asBoolean(true);
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
