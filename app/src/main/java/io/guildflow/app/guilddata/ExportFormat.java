package io.guildflow.app.guilddata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.app.guilddata.GuildTables.Column;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The export file, JSON Lines in UTF-8 (docs/operations.md, "Per-guild export and restore"): a header line, then one
 * line per row, {@code {"table":"signups","row":{…}}}. A row is PostgreSQL's own {@code to_jsonb} of it, in UTC: numbers
 * (bigint and numeric exact), text, booleans, {@code jsonb} as JSON, timestamps as ISO 8601 with offset and
 * microseconds, {@code bytea} as {@code "\\x…"} hex, arrays as arrays, nulls as null; the header names each column's
 * type, and a restore reads the values back through the same types ({@code jsonb_populate_recordset}).
 */
final class ExportFormat {
    static final String FORMAT = "guildflow-guild-export";
    /** Raised only when a reader of version 1 would misread a new file. */
    static final int VERSION = 1;
    /**
     * Numbers stay exact between the file and PostgreSQL, scale included ({@code 2.50} stays so in a jsonb value): a
     * float through a double, or a decimal with its zeros stripped, would not.
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private ExportFormat() {
    }

    /** A table in the header: its columns as exported and how many row lines follow for it. */
    record TableEntry(String name, List<Column> columns, long rows) {
    }

    record Header(String guildId, Instant exportedAt, String schema, SchemaVersions versions,
                  List<TableEntry> tables, List<String> excluded) {

        String line() {
            ObjectNode header = JSON.createObjectNode();
            header.put("format", FORMAT).put("version", VERSION).put("guild_id", guildId)
                    .put("exported_at", exportedAt.toString()).put("database_schema", schema);
            ObjectNode histories = header.putObject("schema_versions");
            histories.put(SchemaVersions.RUNTIME_HISTORY, versions.runtime());
            versions.bot().ifPresentOrElse(bot -> histories.put(SchemaVersions.BOT_HISTORY, bot),
                    () -> histories.putNull(SchemaVersions.BOT_HISTORY));
            ArrayNode tableArray = header.putArray("tables");
            for (TableEntry table : tables) {
                ObjectNode entry = tableArray.addObject().put("name", table.name()).put("rows", table.rows());
                ArrayNode columnArray = entry.putArray("columns");
                table.columns().forEach(c -> columnArray.addObject().put("name", c.name()).put("type", c.type()));
            }
            ArrayNode excludedArray = header.putArray("excluded");
            excluded.forEach(excludedArray::add);
            header.put("excluded_because", "no " + GuildTables.GUILD_COLUMN + " column");
            return header.toString();
        }

        static Header parse(String line, String file) {
            JsonNode header = tree(line, file, 1);
            if (!FORMAT.equals(header.path("format").asText())) {
                throw new GuildDataRefusal(file + " is not a Guildflow guild export (its first line has no \"format\":\""
                        + FORMAT + "\")");
            }
            if (header.path("version").asInt() != VERSION) {
                throw new GuildDataRefusal(file + " is a guild export of format version " + header.path("version")
                        + "; this runtime reads version " + VERSION + ": restore it with the runtime that wrote it");
            }
            try {
                JsonNode histories = header.get("schema_versions");
                SchemaVersions versions = new SchemaVersions(text(histories, SchemaVersions.RUNTIME_HISTORY),
                        Optional.ofNullable(histories.get(SchemaVersions.BOT_HISTORY)).filter(v -> !v.isNull())
                                .map(JsonNode::asText));
                List<TableEntry> tables = new ArrayList<>();
                for (JsonNode table : header.path("tables")) {
                    List<Column> columns = new ArrayList<>();
                    table.path("columns").forEach(c -> columns.add(new Column(text(c, "name"), text(c, "type"))));
                    tables.add(new TableEntry(text(table, "name"), List.copyOf(columns), table.get("rows").asLong()));
                }
                List<String> excluded = new ArrayList<>();
                header.path("excluded").forEach(name -> excluded.add(name.asText()));
                return new Header(text(header, "guild_id"), Instant.parse(text(header, "exported_at")),
                        text(header, "database_schema"), versions, List.copyOf(tables), List.copyOf(excluded));
            } catch (RuntimeException e) {
                throw new GuildDataRefusal(file + ": the header (line 1) is incomplete: " + e.getMessage());
            }
        }
    }

    /** A row line: {@code rowJson} is PostgreSQL's text of the row's jsonb, written as it is. */
    static String rowLine(String table, String rowJson) {
        return "{\"table\":" + JSON.getNodeFactory().textNode(table) + ",\"row\":" + rowJson + "}";
    }

    static JsonNode tree(String line, String file, long lineNumber) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new GuildDataRefusal(file + " line " + lineNumber + " is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing");
        }
        return value.asText();
    }
}
