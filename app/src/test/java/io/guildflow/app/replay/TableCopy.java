package io.guildflow.app.replay;

import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drill's backup: every table and sequence of the environment's schema copied into a schema of its own (what a
 * pg_dump at T0 keeps), and put back after the data was lost; and each table's rows as text, to compare states.
 */
final class TableCopy implements AutoCloseable {
    private final IsolatedEnvironment environment;
    private final String schema;
    private final String backup;
    private final Map<String, Long> sequences = new LinkedHashMap<>();

    TableCopy(IsolatedEnvironment environment) {
        this.environment = environment;
        this.schema = environment.schema();
        this.backup = schema + "_t0";
    }

    void take() throws SQLException {
        try (Connection connection = environment.connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + backup);
            for (String table : tables(sql)) {
                sql.execute("CREATE TABLE " + backup + "." + table + " AS TABLE " + schema + "." + table);
            }
            for (String sequence : names(sql, "SELECT sequence_name FROM information_schema.sequences"
                    + " WHERE sequence_schema = '" + schema + "'")) {
                try (ResultSet row = sql.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM "
                        + schema + "." + sequence)) {
                    row.next();
                    sequences.put(sequence, row.getLong(1));
                }
            }
        }
    }

    /** Every row since the copy is lost: each table holds the copy's rows again, each sequence its value. */
    void restore() throws SQLException {
        try (Connection connection = environment.connect(); Statement sql = connection.createStatement()) {
            for (String table : tables(sql)) {
                sql.execute("TRUNCATE " + schema + "." + table + " CASCADE");
                sql.execute("INSERT INTO " + schema + "." + table + " SELECT * FROM " + backup + "." + table);
            }
            for (Map.Entry<String, Long> sequence : sequences.entrySet()) {
                sql.execute(sequence.getValue() == 0
                        ? "SELECT setval('" + schema + "." + sequence.getKey() + "', 1, false)"
                        : "SELECT setval('" + schema + "." + sequence.getKey() + "', " + sequence.getValue() + ")");
            }
        }
    }

    /** The rows of {@code query} (one text column), in its order. */
    List<String> rows(String query) throws SQLException {
        try (Connection connection = environment.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery(query)) {
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1));
            }
            return result;
        }
    }

    /** Every table whole, each row as PostgreSQL's text of it: nothing may change between two such pictures. */
    Map<String, List<String>> everything() throws SQLException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        try (Connection connection = environment.connect(); Statement sql = connection.createStatement()) {
            for (String table : tables(sql)) {
                all.put(table, names(sql, "SELECT t::text FROM " + schema + "." + table + " t ORDER BY 1"));
            }
        }
        return all;
    }

    private List<String> tables(Statement sql) throws SQLException {
        return names(sql, "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                + "' AND table_type = 'BASE TABLE' ORDER BY 1");
    }

    private static List<String> names(Statement sql, String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Override
    public void close() throws SQLException {
        environment.execute("DROP SCHEMA IF EXISTS " + backup + " CASCADE");
    }
}
