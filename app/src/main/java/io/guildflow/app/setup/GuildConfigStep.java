package io.guildflow.app.setup;

import io.guildflow.common.DependencyException;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.guild.GuildConfigStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The database part of setup: migrations, then the guild's configuration row. */
final class GuildConfigStep {
    private final Database database;
    private final SetupRequest request;
    private final GuildConfigStore store = new GuildConfigStore();
    private final Map<String, String> settings = new TreeMap<>();

    GuildConfigStep(Database database, SetupRequest request) {
        this.database = database;
        this.request = request;
    }

    void migrate(StepLog log) {
        try {
            database.requireReachable();
            int pending = request.dryRun() ? database.pendingMigrations() : database.migrate();
            if (pending == 0) {
                log.unchanged("database migrations", "up to date");
            } else {
                log.changed("database migrations", "applied " + pending, "apply " + pending);
            }
        } catch (DependencyException e) {
            throw new SetupFailure(SetupFailure.DEPENDENCY, e.getMessage());
        }
    }

    /** A setting setup wants in the row, e.g. the id of the bot's channel. */
    void put(String key, String value) {
        settings.put(key, value);
    }

    /** @return true when the row was created or changed (the caller announces the change) */
    boolean write(StepLog log) {
        String step = "configuration row";
        try (Connection connection = database.connection()) {
            Optional<GuildConfigStore.Row> existing = tableExists(connection)
                    ? store.find(connection, request.guildId()) : Optional.empty();
            if (existing.isPresent() && existing.get().active()
                    && existing.get().settings().values().entrySet().containsAll(settings.entrySet())) {
                log.unchanged(step, "up to date " + existing.get().settings().values());
                return false;
            }
            String what = existing.isEmpty() ? "create" : "update";
            if (request.dryRun()) {
                log.changed(step, what, what + " it " + settings);
                return false;
            }
            store.ensureActive(connection, request.guildId(), settings);
            log.changed(step, what + "d " + store.find(connection, request.guildId())
                    .map(row -> row.settings().values().toString()).orElse(""), what);
            return true;
        } catch (SQLException e) {
            throw new SetupFailure(SetupFailure.DEPENDENCY, "PostgreSQL at " + database.describe() + " refused the"
                    + " configuration row of guild " + request.guildId() + ": " + e.getMessage());
        }
    }

    /** In a dry run on a new database the table does not exist yet: then the row would be created. */
    private static boolean tableExists(Connection connection) throws SQLException {
        try (PreparedStatement check = connection.prepareStatement("SELECT to_regclass('guild_config') IS NOT NULL");
             ResultSet rows = check.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
