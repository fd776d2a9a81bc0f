package io.guildflow.app.guilddata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The newest applied version of each migration history in the schema: the runtime's ({@code flyway_schema_history})
 * and the bot's ({@code bot_schema_history}, absent for a bot without migrations). An export records them; a restore
 * refuses a file from a schema newer than the database's, whose rows may need columns or tables it lacks.
 *
 * @param runtime the runtime's version, e.g. {@code 21}
 * @param bot     the bot's version, empty when the schema has no bot history
 */
record SchemaVersions(String runtime, Optional<String> bot) {
    static final String RUNTIME_HISTORY = "flyway_schema_history";
    static final String BOT_HISTORY = "bot_schema_history";

    static SchemaVersions read(Connection connection, String schema) throws SQLException {
        Optional<String> runtime = newest(connection, schema, RUNTIME_HISTORY);
        if (runtime.isEmpty()) {
            throw new GuildDataRefusal("schema " + schema + " holds no Guildflow tables (no " + RUNTIME_HISTORY
                    + "): check DATABASE_URL and DATABASE_SCHEMA, or migrate it first (guildflow setup, or start a worker)");
        }
        return new SchemaVersions(runtime.get(), newest(connection, schema, BOT_HISTORY));
    }

    /**
     * What in {@code file} is newer than these versions (this database's), as a sentence; empty when the file fits.
     */
    Optional<String> newerIn(SchemaVersions file) {
        List<String> newer = new ArrayList<>();
        if (isNewer(Optional.of(file.runtime()), Optional.of(runtime))) {
            newer.add(RUNTIME_HISTORY + " " + file.runtime() + " (here " + runtime + ")");
        }
        if (isNewer(file.bot(), bot)) {
            newer.add(BOT_HISTORY + " " + file.bot().orElseThrow() + " (here " + bot.orElse("none") + ")");
        }
        return newer.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", newer));
    }

    private static boolean isNewer(Optional<String> file, Optional<String> here) {
        if (file.isEmpty()) {
            return false;
        }
        return here.isEmpty() || MigrationVersion.fromVersion(file.get()).isNewerThan(here.get());
    }

    private static Optional<String> newest(Connection connection, String schema, String history) throws SQLException {
        if (!exists(connection, schema, history)) {
            return Optional.empty();
        }
        MigrationVersion newest = null;
        try (PreparedStatement statement = connection.prepareStatement("SELECT version FROM "
                + GuildTables.quote(schema) + "." + GuildTables.quote(history) + " WHERE success AND version IS NOT NULL")) {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                    newest = newest == null || version.isNewerThan(newest.getVersion()) ? version : newest;
                }
            }
        }
        return Optional.ofNullable(newest).map(MigrationVersion::getVersion);
    }

    private static boolean exists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, GuildTables.quote(schema) + "." + GuildTables.quote(table));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}
