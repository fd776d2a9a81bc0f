package io.guildflow.app.guilddata;

import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.database.PoolSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A schema as a bot's deployment has it (the runtime's migrations, then a test bot's from {@code guilddata/bot} with
 * its own history) and three guilds' rows of every type an export must keep; the rows of a guild, or of everything
 * else, as PostgreSQL's text of each row, to compare before and after.
 */
public final class GuildDataFixture implements AutoCloseable {
    public static final String A = "100000000000000001";
    public static final String B = "100000000000000002";
    public static final String C = "100000000000000003";
    static final List<String> GUILD_TABLES = List.of("guild_config", "handled_interactions", "typed_rows", "typed_children");
    static final List<String> OTHER_TABLES = List.of("bot_counters", "discord_outbox", "handled_events", "scheduled_job_runs");

    private final IsolatedEnvironment environment;
    /** One connection for every statement of the fixture: a connection each would cost the tests seconds. */
    private Connection connection;

    public GuildDataFixture(IsolatedEnvironment environment) {
        this.environment = environment;
    }

    /** A statement in the test's schema, on the fixture's connection. */
    public void execute(String sql) throws SQLException {
        if (connection == null) {
            connection = environment.connect();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TIME ZONE 'UTC'");
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    /** Both migration histories applied, as a worker of the test bot leaves them. */
    public GuildDataFixture migrate() {
        try (Database database = new Database(new DatabaseSettings(environment.databaseUrl(), null, null),
                new PoolSettings(2, Duration.ofSeconds(30), Duration.ofSeconds(5)), "guilddata-test")) {
            database.migrate();
        }
        Flyway.configure().dataSource(environment.databaseUrl(), null, null).schemas(environment.schema())
                .defaultSchema(environment.schema()).table(SchemaVersions.BOT_HISTORY).baselineOnMigrate(true)
                .baselineVersion("0").locations("classpath:guilddata/bot").load().migrate();
        return this;
    }

    /** Three guilds' rows (and rows of no guild), from empty tables and sequences. */
    public void seed() throws SQLException {
        execute("TRUNCATE typed_children, typed_rows, bot_counters, guild_config, handled_interactions,"
                + " discord_outbox RESTART IDENTITY");
        for (String guild : List.of(A, B, C)) {
            execute("INSERT INTO guild_config (guild_id, settings, joined_at) VALUES ('" + guild
                    + "', '{\"channel\": \"42\"}', '2026-12-01 10:00:00.123456+00')");
            execute("INSERT INTO handled_interactions (interaction_id, kind, routing_key, guild_id, outcome,"
                    + " response, received_at, worker_id) VALUES ('" + guild + "1', 'command', 'signup', '" + guild
                    + "', 'answered', '{\"type\": 4, \"data\": {\"content\": \"ok ✓\"}}', now(), 'w1'), ('" + guild
                    + "2', 'component', 'join', '" + guild + "', 'answered', NULL, now(), 'w2')");
            execute("INSERT INTO typed_rows (guild_id, big, amount, flag, label, at, document, blob, tags)"
                    + " VALUES ('" + guild + "', 9007199254740993, 12345678901234.123456, true, 'first',"
                    + " '2026-12-07 17:00:00.123456+00', '{\"a\": [1, 2.50, {\"b\": null}], \"n\": 12345678901234567890}',"
                    + " '\\x00ff10', '{x,\"y z\"}'), ('" + guild + "', -1, 0.5, false, 'second\nline \"quoted\"',"
                    + " '1970-01-01 00:00:00+00', '\"just text\"', '\\x', '{}'), ('" + guild
                    + "', NULL, NULL, NULL, 'third', NULL, NULL, NULL, NULL)");
            execute("INSERT INTO typed_children (guild_id, parent, note) SELECT guild_id, id, label || ' child'"
                    + " FROM typed_rows WHERE guild_id = '" + guild + "' AND label IN ('first', 'third')");
        }
        execute("INSERT INTO handled_interactions (interaction_id, kind, outcome, received_at, worker_id)"
                + " VALUES ('dm1', 'command', 'answered', now(), 'w1')");
        execute("INSERT INTO bot_counters VALUES ('clicks', 7)");
        execute("INSERT INTO discord_outbox (action_key, kind, channel_id, body) VALUES ('k:1', 'post', '42',"
                + " '{\"content\": \"hi\"}')");
    }

    /** Each guild table's rows of {@code guild}, as text, sorted. */
    public Map<String, List<String>> rowsOf(String guild) throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : GUILD_TABLES) {
            rows.put(table, rows("SELECT to_jsonb(t)::text FROM " + table + " t WHERE guild_id = '" + guild + "'"));
        }
        return rows;
    }

    /** Every row not of {@code guild}: the other guilds', those of no guild, and the tables without a guild column. */
    public Map<String, List<String>> rowsNotOf(String guild) throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : GUILD_TABLES) {
            rows.put(table, rows("SELECT to_jsonb(t)::text FROM " + table + " t WHERE guild_id IS DISTINCT FROM '"
                    + guild + "'"));
        }
        for (String table : OTHER_TABLES) {
            rows.put(table, rows("SELECT to_jsonb(t)::text FROM " + table + " t"));
        }
        return rows;
    }

    /** Everything, sequences included: what a dry run or a refused restore must leave as it was. */
    public Map<String, List<String>> everything() throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>(rowsNotOf(A));
        rowsOf(A).forEach((table, guildRows) -> rows.merge(table, guildRows, (x, y) -> {
            List<String> both = new ArrayList<>(x);
            both.addAll(y);
            return both;
        }));
        rows.put("typed_rows_id_seq", rows("SELECT last_value || ' ' || is_called FROM typed_rows_id_seq"));
        return rows;
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        execute("SELECT 1"); // connected
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql + " ORDER BY 1")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
