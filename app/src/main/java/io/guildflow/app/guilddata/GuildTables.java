package io.guildflow.app.guilddata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which tables of a schema hold a guild's rows: every table (the runtime's from {@code db/migration} and the bot's from
 * {@code db/bot}) with a column named {@value #GUILD_COLUMN}; a row belongs to the guild whose id that column holds.
 * The others (and both migration histories) are left out and named. The guild tables come parents first, so rows are
 * inserted before the rows whose foreign keys point at them and deleted after them.
 *
 * @param guildTables the tables holding guild rows, parents before the tables referencing them
 * @param excluded    the schema's other tables, by name (migration histories not counted)
 */
record GuildTables(List<Table> guildTables, List<String> excluded) {
    static final String GUILD_COLUMN = "guild_id";
    static final Set<String> HISTORIES = Set.of("flyway_schema_history", "bot_schema_history");

    /** A column as the catalog names its type ({@code format_type}: {@code bigint}, {@code timestamp with time zone}). */
    record Column(String name, String type) {
    }

    /**
     * @param columns    the writable columns in table order (generated columns are left out: PostgreSQL computes them)
     * @param primaryKey the primary key's columns, empty when it has none
     */
    record Table(String name, List<Column> columns, List<String> primaryKey) {
        Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    Optional<Table> table(String name) {
        return guildTables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    static GuildTables read(Connection connection, String schema) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        List<String> excluded = new ArrayList<>();
        for (String name : tableNames(connection, schema)) {
            List<Column> columns = columns(connection, schema, name);
            if (columns.stream().anyMatch(c -> c.name().equals(GUILD_COLUMN))) {
                tables.put(name, new Table(name, columns, primaryKey(connection, schema, name)));
            } else {
                excluded.add(name);
            }
        }
        return new GuildTables(parentsFirst(tables, references(connection, schema)), List.copyOf(excluded));
    }

    private static List<String> tableNames(Connection connection, String schema) throws SQLException {
        return query(connection, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname",
                rows -> rows.getString(1), schema).stream().filter(name -> !HISTORIES.contains(name)).toList();
    }

    private static List<Column> columns(Connection connection, String schema, String table) throws SQLException {
        return query(connection, "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                        + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                        + " AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum",
                rows -> new Column(rows.getString(1), rows.getString(2)), schema, table);
    }

    private static List<String> primaryKey(Connection connection, String schema, String table) throws SQLException {
        return query(connection, "SELECT a.attname FROM pg_index i"
                        + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)"
                        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                        + " WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND i.indisprimary"
                        + " ORDER BY k.n",
                rows -> rows.getString(1), schema, table);
    }

    /** Table → the tables of the same schema its foreign keys reference. */
    private static Map<String, Set<String>> references(Connection connection, String schema) throws SQLException {
        Map<String, Set<String>> references = new HashMap<>();
        for (List<String> reference : query(connection, "SELECT child.relname, parent.relname FROM pg_constraint f"
                        + " JOIN pg_class child ON child.oid = f.conrelid JOIN pg_class parent ON parent.oid = f.confrelid"
                        + " JOIN pg_namespace n ON n.oid = child.relnamespace AND n.oid = parent.relnamespace"
                        + " WHERE f.contype = 'f' AND n.nspname = ?",
                rows -> List.of(rows.getString(1), rows.getString(2)), schema)) {
            references.computeIfAbsent(reference.get(0), k -> new LinkedHashSet<>()).add(reference.get(1));
        }
        return references;
    }

    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> List<T> query(Connection connection, String sql, RowReader<T> reader, String... parameters)
            throws SQLException {
        List<T> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
            }
        }
        return List.copyOf(result);
    }

    /** Depth-first: a table after every guild table it references; a cycle keeps name order (PostgreSQL then says no). */
    private static List<Table> parentsFirst(Map<String, Table> tables, Map<String, Set<String>> references) {
        Set<String> placed = new LinkedHashSet<>();
        for (String name : tables.keySet()) {
            place(name, tables, references, placed, new LinkedHashSet<>());
        }
        return placed.stream().map(tables::get).toList();
    }

    private static void place(String name, Map<String, Table> tables, Map<String, Set<String>> references,
                              Set<String> placed, Set<String> visiting) {
        if (placed.contains(name) || !visiting.add(name)) {
            return;
        }
        for (String parent : references.getOrDefault(name, Set.of())) {
            if (tables.containsKey(parent)) {
                place(parent, tables, references, placed, visiting);
            }
        }
        placed.add(name);
    }

    /** A catalog name inside SQL text. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
