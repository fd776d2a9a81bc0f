package io.guildflow.app.guilddata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.guildflow.app.guilddata.ExportFormat.Header;
import io.guildflow.app.guilddata.ExportFormat.TableEntry;
import io.guildflow.app.guilddata.GuildTables.Column;
import io.guildflow.app.guilddata.GuildTables.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code guildflow guild restore <guild-id> --from FILE [--dry-run]}: the guild's rows in the file's tables replaced by
 * the file's, in one transaction; other guilds' rows and tables the file does not hold are not touched. Refused before
 * anything changes: a file of another guild, from a newer schema (either history), cut short, or naming a table or
 * column this schema lacks. The file's rows are loaded into temporary tables first, so the counts per table (deleted,
 * inserted, unchanged) come from PostgreSQL's own comparison of typed values; a dry run stops there and rolls back.
 */
public final class GuildRestore {
    /** Rows per statement while loading the file. */
    private static final int BATCH = 500;

    private final Connection connection;
    private final String schema;

    /** @param connection a connection of its own: the restore runs its one transaction on it */
    public GuildRestore(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /** One table's change: rows of the guild deleted (there now, not in the file), inserted, and the same in both. */
    public record TableChange(String table, long deleted, long inserted, long unchanged) {
        boolean changes() {
            return deleted > 0 || inserted > 0;
        }
    }

    /**
     * @param notInFile guild tables of this schema the file does not hold (newer than the export): left as they are
     */
    public record Result(String guildId, boolean dryRun, List<TableChange> changes, List<String> notInFile) {
        /** For the operator: a line per table, then the outcome. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (TableChange change : changes) {
                lines.add(String.format("  %-28s %s %d, %s %d, unchanged %d", change.table(),
                        dryRun ? "would delete" : "deleted", change.deleted(),
                        dryRun ? "insert" : "inserted", change.inserted(), change.unchanged()));
            }
            if (!notInFile.isEmpty()) {
                lines.add("  not in the file, left as they are: " + String.join(", ", notInFile));
            }
            long changed = changes.stream().filter(TableChange::changes).count();
            lines.add(dryRun ? "dry run: " + changed + " table(s) would change; nothing was written"
                    : "guild " + guildId + " restored: " + changed + " table(s) changed");
            return lines;
        }
    }

    public Result restore(String guildId, Path from, boolean dryRun) throws SQLException {
        String file = from.toString();
        try (BufferedReader reader = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null) {
                throw new GuildDataRefusal(file + " is empty: not a Guildflow guild export");
            }
            Header header = Header.parse(first, file);
            if (!header.guildId().equals(guildId)) {
                throw new GuildDataRefusal(file + " holds guild " + header.guildId() + ", not " + guildId
                        + ": restore a guild from its own export");
            }
            connection.setAutoCommit(false);
            try {
                Result result = restore(header, reader, file, dryRun);
                if (dryRun) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
                return result;
            } finally {
                connection.rollback(); // after a commit this ends nothing; after a refusal it undoes the loading
            }
        } catch (IOException e) {
            throw new GuildDataRefusal("cannot read " + file + ": " + e);
        }
    }

    private Result restore(Header header, BufferedReader reader, String file, boolean dryRun)
            throws SQLException, IOException {
        SchemaVersions here = SchemaVersions.read(connection, schema);
        here.newerIn(header.versions()).ifPresent(newer -> {
            throw new GuildDataRefusal(file + " is from a newer schema than " + schema + ": " + newer
                    + ": migrate this database first (run the newer version's setup or worker), then restore");
        });
        GuildTables tables = GuildTables.read(connection, schema);
        Map<String, TableEntry> inFile = new LinkedHashMap<>();
        header.tables().forEach(entry -> inFile.put(entry.name(), entry));
        // Parents first, in this schema's foreign-key order; the file's own order does not matter.
        List<Table> restored = tables.guildTables().stream().filter(t -> inFile.containsKey(t.name())).toList();
        for (TableEntry entry : header.tables()) {
            Table table = tables.table(entry.name()).orElseThrow(() -> new GuildDataRefusal(file + " holds table "
                    + entry.name() + ", which schema " + schema + " lacks (or has no " + GuildTables.GUILD_COLUMN
                    + " column)"));
            for (Column column : entry.columns()) {
                table.column(column.name()).orElseThrow(() -> new GuildDataRefusal(file + " holds column "
                        + entry.name() + "." + column.name() + ", which schema " + schema + " lacks"));
            }
        }
        if (!dryRun && !restored.isEmpty()) {
            // Workers' writes to these tables wait for the restore, so no row lands between the count and the replace.
            execute("LOCK TABLE " + restored.stream().map(this::qualified).collect(Collectors.joining(", "))
                    + " IN EXCLUSIVE MODE");
        }
        Map<String, String> staging = new HashMap<>();
        for (Table table : restored) {
            String temp = "gf_restore_" + staging.size();
            staging.put(table.name(), temp);
            execute("CREATE TEMP TABLE " + temp + " ON COMMIT DROP AS SELECT " + columns(inFile.get(table.name()))
                    + " FROM " + qualified(table) + " WITH NO DATA");
        }
        load(reader, file, inFile, staging);
        List<TableChange> changes = new ArrayList<>();
        for (Table table : restored) {
            changes.add(compare(table, inFile.get(table.name()), staging.get(table.name()), header.guildId(), file));
        }
        if (!dryRun) {
            for (int i = restored.size() - 1; i >= 0; i--) {
                delete(restored.get(i), header.guildId());
            }
            for (Table table : restored) {
                String columns = columns(inFile.get(table.name()));
                execute("INSERT INTO " + qualified(table) + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT "
                        + columns + " FROM " + staging.get(table.name()));
                advanceSequences(table, inFile.get(table.name()));
            }
        }
        List<String> notInFile = tables.guildTables().stream().map(Table::name).filter(n -> !inFile.containsKey(n))
                .toList();
        return new Result(header.guildId(), dryRun, List.copyOf(changes), notInFile);
    }

    /** The row lines into the temporary tables, {@value #BATCH} at a time; every row counted against the header. */
    private void load(BufferedReader reader, String file, Map<String, TableEntry> inFile, Map<String, String> staging)
            throws SQLException, IOException {
        Map<String, ArrayNode> batches = new HashMap<>();
        Map<String, Long> counted = new HashMap<>();
        long lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = ExportFormat.tree(line, file, lineNumber);
            String table = node.path("table").asText();
            if (!inFile.containsKey(table) || !node.path("row").isObject()) {
                throw new GuildDataRefusal(file + " line " + lineNumber + " is not a row of a table its header names");
            }
            counted.merge(table, 1L, Long::sum);
            ArrayNode batch = batches.computeIfAbsent(table, t -> ExportFormat.JSON.createArrayNode());
            batch.add(node.get("row"));
            if (batch.size() >= BATCH) {
                stage(staging.get(table), batch);
            }
        }
        for (Map.Entry<String, ArrayNode> batch : batches.entrySet()) {
            stage(staging.get(batch.getKey()), batch.getValue());
        }
        for (TableEntry entry : inFile.values()) {
            long rows = counted.getOrDefault(entry.name(), 0L);
            if (rows != entry.rows()) {
                throw new GuildDataRefusal(file + " is cut short or altered: table " + entry.name() + " has " + rows
                        + " row lines, its header says " + entry.rows());
            }
        }
    }

    private void stage(String temp, ArrayNode batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + temp
                + " SELECT * FROM jsonb_populate_recordset(null::" + temp + ", ?::jsonb)")) {
            statement.setString(1, batch.toString());
            statement.executeUpdate();
        }
        batch.removeAll();
    }

    private TableChange compare(Table table, TableEntry entry, String temp, String guildId, String file)
            throws SQLException {
        String guildColumn = GuildTables.GUILD_COLUMN + "::text";
        if (count("SELECT count(*) FROM " + temp + " WHERE " + guildColumn + " IS DISTINCT FROM ?", guildId) > 0) {
            throw new GuildDataRefusal(file + " holds rows of table " + table.name() + " for another guild than "
                    + guildId);
        }
        String current = "SELECT " + columns(entry) + " FROM " + qualified(table) + " WHERE " + guildColumn + " = ?";
        long here = count("SELECT count(*) FROM (" + current + ") c", guildId);
        long unchanged = count("SELECT count(*) FROM (SELECT to_jsonb(f) FROM " + temp + " f INTERSECT ALL"
                + " SELECT to_jsonb(c) FROM (" + current + ") c) same", guildId);
        return new TableChange(table.name(), here - unchanged, entry.rows() - unchanged, unchanged);
    }

    private void delete(Table table, String guildId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + qualified(table) + " WHERE "
                + GuildTables.GUILD_COLUMN + "::text = ?")) {
            statement.setString(1, guildId);
            statement.executeUpdate();
        }
    }

    /**
     * A sequence behind the restored ids (a database restored from an older backup) would hand them out again:
     * each serial or identity column's sequence moves past the largest id, never back.
     */
    private void advanceSequences(Table table, TableEntry entry) throws SQLException {
        for (Column column : entry.columns()) {
            String sequence;
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
                statement.setString(1, qualified(table));
                statement.setString(2, column.name());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    sequence = rows.getString(1);
                }
            }
            if (sequence != null) {
                execute("SELECT setval('" + sequence.replace("'", "''") + "', GREATEST((SELECT max("
                        + GuildTables.quote(column.name()) + ") FROM " + qualified(table) + "), (SELECT last_value FROM "
                        + sequence + ")))");
            }
        }
    }

    private long count(String sql, String guildId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, guildId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String columns(TableEntry entry) {
        return entry.columns().stream().map(c -> GuildTables.quote(c.name())).collect(Collectors.joining(", "));
    }

    private String qualified(Table table) {
        return GuildTables.quote(schema) + "." + GuildTables.quote(table.name());
    }
}
