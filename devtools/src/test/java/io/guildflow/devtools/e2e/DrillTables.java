package io.guildflow.devtools.e2e;

import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The recovery drill's database side: a {@code pg_dump} of the environment's schema and its restore after the schema
 * was dropped, as an operator does it; and the tables as text, to compare a state before the loss with the state
 * after the replay.
 */
record DrillTables(IsolatedEnvironment environment) {
    /** The server, database and user of the tests, as libpq takes them (the JDBC URL without its prefix). */
    private static final String LIBPQ_URL = IsolatedEnvironment.PG_URL.replaceFirst("^jdbc:", "");
    /**
     * The effects of the example bot's signups and message counts and the runtime's ledger, outbox and guild
     * configuration, without what only a run stamps (times, worker names) and without ids a sequence hands out in the
     * order two workers happened to handle events of different guilds. The outbox's message ids are compared: a
     * replayed post never reached Discord, and gets the id Discord gave it the first time from the posts bucket. A
     * signup's closing time and the {@code <t:…:R>} in its message come from the handler's {@code now()}: compared
     * apart, within the moments between the gateway storing an event and a worker handling it.
     */
    private static final Map<String, String> COMPARED = Map.of(
            "signups", "SELECT ROW(guild_id, id, channel_id, title, slots, joined, closed, post_key, created_by)::text"
                    + " FROM signups ORDER BY guild_id, id",
            "signup_members", "SELECT ROW(guild_id, signup_id, user_id, joined, last_interaction)::text"
                    + " FROM signup_members ORDER BY 1",
            "message_counts", "SELECT ROW(guild_id, user_id, messages)::text FROM message_counts ORDER BY 1",
            "message_log", "SELECT ROW(guild_id, channel_id, message_id, author_id, action, content)::text"
                    + " FROM message_log ORDER BY guild_id, id",
            "handled_interactions", "SELECT ROW(interaction_id, kind, routing_key, guild_id, channel_id, user_id,"
                    + " outcome, response, delivered_at IS NOT NULL)::text FROM handled_interactions ORDER BY 1",
            "handled_events", "SELECT ROW(event_key, type, scope)::text FROM handled_events ORDER BY 1",
            "discord_outbox", "SELECT ROW(id, action_key, kind, channel_id, message_id, target_key,"
                    + " regexp_replace(body::text, '<t:[0-9]+:R>', '<t:_:R>', 'g'), delivered_at IS NOT NULL)::text"
                    + " FROM discord_outbox ORDER BY id",
            "guild_config", "SELECT ROW(guild_id, active, settings, left_at IS NULL)::text FROM guild_config"
                    + " ORDER BY 1");

    /** {@code pg_dump -Fc -n <schema>}: the schema, its tables, rows and sequences, as a backup holds them. */
    void dump(Path file) throws IOException, InterruptedException {
        run("pg_dump", "--dbname=" + LIBPQ_URL, "-Fc", "-n", environment.schema(), "-f", file.toString());
    }

    /** The schema dropped with everything in it, then {@code pg_restore} of the dump (which creates it again). */
    void dropAndRestore(Path file) throws IOException, InterruptedException, SQLException {
        environment.execute("DROP SCHEMA " + environment.schema() + " CASCADE");
        run("pg_restore", "--dbname=" + LIBPQ_URL, "--exit-on-error", file.toString());
    }

    /** Each compared table's rows as text, in a fixed order. */
    Map<String, List<String>> compared() throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : COMPARED.keySet().stream().sorted().toList()) {
            tables.put(table, rows(COMPARED.get(table)));
        }
        return tables;
    }

    /** Each signup ({@code guild/id}) and when it closes, in epoch milliseconds. */
    Map<String, Long> closingTimes() throws SQLException {
        Map<String, Long> times = new LinkedHashMap<>();
        for (String row : rows("SELECT guild_id || '/' || id || ' ' || (extract(epoch FROM closes_at) * 1000)::bigint"
                + " FROM signups ORDER BY guild_id, id")) {
            String[] parts = row.split(" ");
            times.put(parts[0], Long.parseLong(parts[1]));
        }
        return times;
    }

    /** Every table whole, each row as PostgreSQL's text of it: nothing may change between two such pictures. */
    Map<String, List<String>> everything() throws SQLException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String table : rows("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                + environment.schema() + "' AND table_type = 'BASE TABLE' ORDER BY 1")) {
            all.put(table, rows("SELECT t::text FROM " + table + " t ORDER BY 1"));
        }
        return all;
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

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish in 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
        }
    }
}
