package io.guildflow.app.guilddata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.guilddata.ExportFormat.Header;
import io.guildflow.app.guilddata.ExportFormat.TableEntry;
import io.guildflow.app.guilddata.GuildTables.Column;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportFormatTest {
    private static final Header HEADER = new Header("123", Instant.parse("2026-12-07T18:00:00.5Z"), "my_bot",
            new SchemaVersions("21", Optional.empty()),
            List.of(new TableEntry("signups", List.of(new Column("guild_id", "text"), new Column("id", "bigint")), 3)),
            List.of("greetings"));

    @Test
    void theHeaderReadsBackAsWritten() {
        assertEquals(HEADER, Header.parse(HEADER.line(), "f"));
        assertTrue(HEADER.line().startsWith("{\"format\":\"guildflow-guild-export\",\"version\":1,\"guild_id\":\"123\""),
                HEADER.line());
    }

    @Test
    void aFileThatIsNotAnExportOrOfAnotherFormatVersionIsRefusedWithOneLine() {
        assertEquals("f is not a Guildflow guild export (its first line has no \"format\":\"guildflow-guild-export\")",
                assertThrows(GuildDataRefusal.class, () -> Header.parse("{\"rows\": 1}", "f")).getMessage());
        assertTrue(assertThrows(GuildDataRefusal.class, () -> Header.parse("PGDMP", "f")).getMessage()
                .startsWith("f line 1 is not JSON: "));
        assertEquals("f is a guild export of format version 2; this runtime reads version 1: restore it with the"
                + " runtime that wrote it", assertThrows(GuildDataRefusal.class,
                () -> Header.parse(HEADER.line().replace("\"version\":1", "\"version\":2"), "f")).getMessage());
        assertEquals("f: the header (line 1) is incomplete: \"guild_id\" is missing", assertThrows(GuildDataRefusal.class,
                () -> Header.parse(HEADER.line().replace("\"guild_id\":\"123\",", ""), "f")).getMessage());
    }

    @Test
    void aRowLineQuotesTheTableAndKeepsPostgresTextAsItIs() {
        assertEquals("{\"table\":\"we\\\"ird\",\"row\":{\"n\": 2.50}}", ExportFormat.rowLine("we\"ird", "{\"n\": 2.50}"));
    }
}
