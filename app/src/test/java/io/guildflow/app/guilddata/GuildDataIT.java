package io.guildflow.app.guilddata;

import static io.guildflow.app.guilddata.GuildDataFixture.A;
import static io.guildflow.app.guilddata.GuildDataFixture.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.guilddata.GuildRestore.TableChange;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export, damage, restore against the real PostgreSQL: one guild back as exported, every other row as it was. */
class GuildDataIT {
    private static IsolatedEnvironment environment;
    private static GuildDataFixture fixture;

    @TempDir
    Path files;

    @BeforeAll
    static void migrated() {
        environment = new IsolatedEnvironment("guilddata");
        fixture = new GuildDataFixture(environment).migrate();
    }

    @AfterAll
    static void dropped() throws Exception {
        fixture.close();
        environment.close();
    }

    @BeforeEach
    void threeGuilds() throws Exception {
        fixture.seed();
    }

    private GuildExport.Summary export(String guild, Path file) throws Exception {
        try (Connection connection = environment.connect()) {
            return new GuildExport(connection, environment.schema(),
                    Clock.fixed(Instant.parse("2026-12-07T18:00:00Z"), ZoneOffset.UTC)).export(guild, file);
        }
    }

    private GuildRestore.Result restore(String guild, Path file, boolean dryRun) throws Exception {
        try (Connection connection = environment.connect()) {
            return new GuildRestore(connection, environment.schema()).restore(guild, file, dryRun);
        }
    }

    /** Rows deleted, changed and added in guild A (one child gone, one row changed, one added) and its sequence reset. */
    private void damageGuildA() throws Exception {
        fixture.execute("DELETE FROM typed_children WHERE guild_id = '" + A + "' AND note = 'first child'");
        fixture.execute("UPDATE typed_rows SET label = 'damaged', document = '{}' WHERE guild_id = '" + A
                + "' AND label = 'first'");
        fixture.execute("INSERT INTO typed_rows (guild_id, label) VALUES ('" + A + "', 'intruder')");
        fixture.execute("UPDATE guild_config SET active = false WHERE guild_id = '" + A + "'");
        // As after a database restored from an older backup: the sequence would hand out ids that exist again.
        fixture.execute("SELECT setval('typed_rows_id_seq', 1)");
    }

    /** Guild A's export, taken before {@link #damageGuildA()}. */
    private Path exportThenDamageGuildA() throws Exception {
        Path file = files.resolve("a.jsonl");
        export(A, file);
        damageGuildA();
        return file;
    }

    private static List<String> rowLines(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size());
    }

    @Test
    void aDamagedGuildIsRestoredToItsExportAndNoOtherRowChanges() throws Exception {
        Path file = files.resolve("a.jsonl");
        GuildExport.Summary summary = export(A, file);
        assertEquals(Map.of("guild_config", 1L, "handled_interactions", 2L, "typed_rows", 3L, "typed_children", 2L),
                summary.rows());
        assertEquals(GuildDataFixture.OTHER_TABLES, summary.excluded());
        assertEquals(environment.text("SELECT max(version::int) FROM flyway_schema_history"), summary.runtimeVersion());
        assertEquals(java.util.Optional.of("2"), summary.botVersion());
        assertEquals("exported guild " + A + " to " + file + ": 8 rows (guild_config 1, handled_interactions 2,"
                + " typed_rows 3, typed_children 2); schema versions flyway_schema_history " + summary.runtimeVersion()
                + ", bot_schema_history 2; left out (no guild_id column): bot_counters, discord_outbox, handled_events,"
                + " scheduled_job_runs", summary.describe(file));
        Map<String, List<String>> exported = fixture.rowsOf(A);
        Map<String, List<String>> others = fixture.rowsNotOf(A);

        damageGuildA();
        GuildRestore.Result result = restore(A, file, false);

        assertEquals(exported, fixture.rowsOf(A));
        assertEquals(others, fixture.rowsNotOf(A));
        assertEquals(List.of(new TableChange("guild_config", 1, 1, 0), new TableChange("handled_interactions", 0, 0, 2),
                new TableChange("typed_rows", 2, 1, 2), new TableChange("typed_children", 0, 1, 1)), result.changes());
        Path again = files.resolve("a-again.jsonl");
        export(A, again);
        assertEquals(rowLines(file), rowLines(again));
        // The sequence moved past every restored id: the next row gets a new one.
        fixture.execute("INSERT INTO typed_rows (guild_id, label) VALUES ('" + A + "', 'next')");
        assertEquals(1, environment.count("SELECT count(*) FROM typed_rows WHERE label = 'next'"
                + " AND id > (SELECT max(id) FROM typed_rows WHERE label <> 'next')"));
    }

    @Test
    void aDryRunCountsTheChangesAndWritesNothing() throws Exception {
        Path file = exportThenDamageGuildA();
        Map<String, List<String>> before = fixture.everything();

        GuildRestore.Result result = restore(A, file, true);

        assertEquals(before, fixture.everything());
        assertEquals(new TableChange("typed_rows", 2, 1, 2), result.changes().get(2));
        List<String> lines = result.lines();
        assertTrue(lines.contains(String.format("  %-28s would delete 2, insert 1, unchanged 2", "typed_rows")), lines.toString());
        assertEquals("dry run: 3 table(s) would change; nothing was written", lines.get(lines.size() - 1));
    }

    @Test
    void aFileOfAnotherGuildFromANewerSchemaOrCutShortIsRefusedAndNothingChanges() throws Exception {
        Path file = exportThenDamageGuildA();
        Map<String, List<String>> before = fixture.everything();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        GuildDataRefusal wrongGuild = assertThrows(GuildDataRefusal.class, () -> restore(B, file, false));
        assertEquals(file + " holds guild " + A + ", not " + B + ": restore a guild from its own export",
                wrongGuild.getMessage());

        String runtime = environment.text("SELECT max(version::int) FROM flyway_schema_history");
        Path newerRuntime = withHeader(lines, lines.get(0).replace("\"flyway_schema_history\":\"" + runtime + "\"",
                "\"flyway_schema_history\":\"" + (Integer.parseInt(runtime) + 1) + "\""), "newer-runtime.jsonl");
        GuildDataRefusal newer = assertThrows(GuildDataRefusal.class, () -> restore(A, newerRuntime, false));
        assertTrue(newer.getMessage().contains("is from a newer schema than " + environment.schema()
                + ": flyway_schema_history " + (Integer.parseInt(runtime) + 1) + " (here " + runtime + ")"),
                newer.getMessage());

        Path newerBot = withHeader(lines, lines.get(0).replace("\"bot_schema_history\":\"2\"",
                "\"bot_schema_history\":\"2.1\""), "newer-bot.jsonl");
        assertTrue(assertThrows(GuildDataRefusal.class, () -> restore(A, newerBot, false)).getMessage()
                .contains("bot_schema_history 2.1 (here 2)"));

        Path cutShort = files.resolve("cut.jsonl");
        Files.write(cutShort, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
        assertTrue(assertThrows(GuildDataRefusal.class, () -> restore(A, cutShort, false)).getMessage()
                .contains("is cut short or altered: table typed_children has 1 row lines, its header says 2"));

        assertEquals(before, fixture.everything());
    }

    private Path withHeader(List<String> lines, String header, String name) throws Exception {
        assertTrue(!header.equals(lines.get(0)), "the header changed");
        Path file = files.resolve(name);
        List<String> changed = new java.util.ArrayList<>(lines);
        changed.set(0, header);
        Files.write(file, changed, StandardCharsets.UTF_8);
        return file;
    }
}
