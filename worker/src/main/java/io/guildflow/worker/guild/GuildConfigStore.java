package io.guildflow.worker.guild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.api.GuildConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SQL of the {@code guild_config} table. Every method runs on the caller's connection, so a change
 * commits with whatever else the caller does; each writing method says whether anything changed,
 * so the caller publishes {@code gf.<env>.config.<guildId>} only for a real change.
 */
public final class GuildConfigStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> SETTINGS = new TypeReference<>() {
    };

    /** A stored row: whether the bot is in the guild, and its settings. */
    public record Row(String guildId, boolean active, GuildConfig settings) {
    }

    /** What a handler sees of the guild: its settings, {@link GuildConfig#EMPTY} for no guild (a DM) or no row. */
    public GuildConfig settings(Connection connection, String guildId) throws SQLException {
        return guildId == null ? GuildConfig.EMPTY
                : find(connection, guildId).map(Row::settings).orElse(GuildConfig.EMPTY);
    }

    public Optional<Row> find(Connection connection, String guildId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT active, settings::text FROM guild_config WHERE guild_id = ?")) {
            select.setString(1, guildId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(guildId, rows.getBoolean(1), new GuildConfig(parse(rows.getString(2)))));
            }
        }
    }

    /**
     * What {@code setup} and a join want: the row exists, is active and holds at least {@code settings}
     * (other keys are kept). Returns true when it inserted or changed the row.
     */
    public boolean ensureActive(Connection connection, String guildId, Map<String, String> settings)
            throws SQLException {
        Optional<Row> existing = find(connection, guildId);
        if (existing.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO guild_config (guild_id, settings) VALUES (?, ?::jsonb) ON CONFLICT DO NOTHING")) {
                insert.setString(1, guildId);
                insert.setString(2, write(settings));
                return insert.executeUpdate() == 1;
            }
        }
        Map<String, String> merged = new TreeMap<>(existing.get().settings().values());
        merged.putAll(settings);
        if (existing.get().active() && merged.equals(new TreeMap<>(existing.get().settings().values()))) {
            return false;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE guild_config SET active = true,"
                + " left_at = NULL, settings = ?::jsonb, updated_at = now() WHERE guild_id = ?")) {
            update.setString(1, write(merged));
            update.setString(2, guildId);
            return update.executeUpdate() == 1;
        }
    }

    /** The bot left the guild: the row stays (with its settings) but is inactive. True when it changed. */
    public boolean markLeft(Connection connection, String guildId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE guild_config SET active = false,"
                + " left_at = now(), updated_at = now() WHERE guild_id = ? AND active")) {
            update.setString(1, guildId);
            return update.executeUpdate() == 1;
        }
    }

    /** Sets one setting (an absent row is created active). True when the value changed. */
    public boolean set(Connection connection, String guildId, String key, String value) throws SQLException {
        Optional<Row> existing = find(connection, guildId);
        if (existing.isPresent() && value.equals(existing.get().settings().values().get(key))) {
            return false;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        merged.put(key, value);
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO guild_config (guild_id, settings)"
                + " VALUES (?, ?::jsonb) ON CONFLICT (guild_id) DO UPDATE"
                + " SET settings = guild_config.settings || EXCLUDED.settings, updated_at = now()")) {
            upsert.setString(1, guildId);
            upsert.setString(2, write(merged));
            return upsert.executeUpdate() == 1;
        }
    }

    private static Map<String, String> parse(String json) throws SQLException {
        try {
            return JSON.readValue(json, SETTINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("guild_config.settings is not an object of strings: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Map<String, String> settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
