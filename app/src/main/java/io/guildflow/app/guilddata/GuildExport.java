package io.guildflow.app.guilddata;

import io.guildflow.app.guilddata.ExportFormat.Header;
import io.guildflow.app.guilddata.ExportFormat.TableEntry;
import io.guildflow.app.guilddata.GuildTables.Table;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code guildflow guild export <guild-id> --out FILE}: every row of the guild from the schema's guild tables
 * ({@link GuildTables}) with both migration histories' versions, read in one snapshot (a repeatable-read, read-only
 * transaction) so the file is consistent while workers keep writing. The file appears complete or not at all.
 */
public final class GuildExport {
    /** Rows fetched per round trip: a large guild streams through instead of filling the memory. */
    private static final int FETCH_SIZE = 1_000;

    private final Connection connection;
    private final String schema;
    private final Clock clock;

    /** @param connection a connection of its own: the export sets its transaction mode and time zone */
    public GuildExport(Connection connection, String schema, Clock clock) {
        this.connection = connection;
        this.schema = schema;
        this.clock = clock;
    }

    /**
     * What was written, as the file's header says it.
     *
     * @param rows     rows per guild table, in the file's order
     * @param excluded the schema's tables without a guild column, not in the file
     */
    public record Summary(String guildId, String runtimeVersion, Optional<String> botVersion, Map<String, Long> rows,
                          List<String> excluded) {
        /** For the operator, one line. */
        public String describe(Path out) {
            return "exported guild " + guildId + " to " + out + ": " + rows.values().stream().mapToLong(Long::longValue).sum()
                    + " rows (" + rows.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")) + "); schema versions " + SchemaVersions.RUNTIME_HISTORY + " "
                    + runtimeVersion + ", " + SchemaVersions.BOT_HISTORY + " " + botVersion.orElse("none")
                    + "; left out (no " + GuildTables.GUILD_COLUMN + " column): "
                    + (excluded.isEmpty() ? "none" : String.join(", ", excluded));
        }
    }

    public Summary export(String guildId, Path out) throws SQLException, IOException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL TIME ZONE 'UTC'"); // one spelling of every timestamp, whoever exports
            SchemaVersions versions = SchemaVersions.read(connection, schema);
            GuildTables tables = GuildTables.read(connection, schema);
            List<TableEntry> entries = new ArrayList<>();
            for (Table table : tables.guildTables()) {
                entries.add(new TableEntry(table.name(), table.columns(), count(table, guildId)));
            }
            Header header = new Header(guildId, clock.instant(), schema, versions, List.copyOf(entries), tables.excluded());
            Path partial = out.resolveSibling(out.getFileName() + ".partial");
            try (BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                writer.write(header.line());
                writer.newLine();
                for (Table table : tables.guildTables()) {
                    writeRows(table, guildId, writer);
                }
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Map<String, Long> rows = new LinkedHashMap<>();
            entries.forEach(entry -> rows.put(entry.name(), entry.rows()));
            return new Summary(guildId, versions.runtime(), versions.bot(), rows, tables.excluded());
        } finally {
            connection.rollback();
        }
    }

    private long count(Table table, String guildId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + qualified(table)
                + " WHERE " + GuildTables.GUILD_COLUMN + "::text = ?")) {
            statement.setString(1, guildId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** In primary-key order (else in the order of the rows' text), so two exports of the same rows are the same file. */
    private void writeRows(Table table, String guildId, BufferedWriter writer) throws SQLException, IOException {
        String columns = table.columns().stream().map(c -> GuildTables.quote(c.name())).collect(Collectors.joining(", "));
        String order = table.primaryKey().isEmpty() ? "1"
                : table.primaryKey().stream().map(GuildTables::quote).collect(Collectors.joining(", "));
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_jsonb(r)::text FROM (SELECT "
                + columns + " FROM " + qualified(table) + " WHERE " + GuildTables.GUILD_COLUMN + "::text = ?) r ORDER BY "
                + order)) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, guildId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    writer.write(ExportFormat.rowLine(table.name(), rows.getString(1)));
                    writer.newLine();
                }
            }
        }
    }

    private String qualified(Table table) {
        return GuildTables.quote(schema) + "." + GuildTables.quote(table.name());
    }
}
