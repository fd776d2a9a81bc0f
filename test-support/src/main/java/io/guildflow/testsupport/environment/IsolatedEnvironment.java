package io.guildflow.testsupport.environment;

import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.testsupport.net.CuttableProxy;
import io.nats.client.Nats;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One test's own corner of the shared NATS and PostgreSQL: its own ENVIRONMENT (streams, subjects,
 * consumer) and its own schema, both removed on close, so tests run in any order and leave nothing.
 * The shared servers are found through {@code GUILDFLOW_TEST_NATS_URL} and {@code GUILDFLOW_TEST_PG_URL}
 * (README.md lists them with the other test prerequisites); the default is the local one of each.
 */
public final class IsolatedEnvironment implements AutoCloseable {
    static final String TEST_BOT_VERSION = "0.0.0-test";
    public static final String NATS_URL = System.getenv().getOrDefault("GUILDFLOW_TEST_NATS_URL", "nats://127.0.0.1:4222");
    /** A JDBC URL that names its user, so one string reaches the server from any test or child process. */
    public static final String PG_URL = System.getenv().getOrDefault("GUILDFLOW_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String name;
    private final String schema;
    /** False when the streams live on a NATS server the test starts and discards itself. */
    private final boolean streamsOnSharedNats;

    /** ENVIRONMENT {@code <prefix>-<random>} on the shared NATS, schema {@code gf_<prefix>_<random>}. */
    public IsolatedEnvironment(String prefix) {
        this(prefix + "-" + randomSuffix(), prefix, true);
    }

    private IsolatedEnvironment(String name, String schemaPrefix, boolean streamsOnSharedNats) {
        this.name = name;
        this.schema = "gf_" + schemaPrefix.replace('-', '_') + "_" + randomSuffix();
        this.streamsOnSharedNats = streamsOnSharedNats;
    }

    /**
     * ENVIRONMENT exactly {@code environment} (a server configuration names its accounts after it), on a
     * NATS server the test starts itself: closing drops only the schema, as the streams go with that server,
     * and {@link #settings()} names no {@code NATS_URL}: the test's server has its own (and its users).
     */
    public static IsolatedEnvironment onOwnNats(String environment) {
        return new IsolatedEnvironment(environment, environment, false);
    }

    /** A cuttable proxy in front of the shared PostgreSQL, for {@link #databaseUrlThrough}. */
    public static CuttableProxy proxyToDatabase() throws IOException {
        URI server = serverOf(PG_URL);
        return new CuttableProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
    }

    private static String randomSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    }

    private static URI serverOf(String jdbcUrl) {
        return URI.create(jdbcUrl.substring("jdbc:".length()));
    }

    public String name() {
        return name;
    }

    public String schema() {
        return schema;
    }

    public Topology topology() {
        return new Topology(name);
    }

    /**
     * The settings every process of this environment gets: NATS_URL (shared NATS only), DATABASE_URL, ENVIRONMENT,
     * BOT_VERSION.
     */
    public Map<String, String> settings() {
        Map<String, String> env = new HashMap<>();
        if (streamsOnSharedNats) {
            env.put("NATS_URL", NATS_URL);
        }
        env.put("DATABASE_URL", databaseUrl());
        env.put("ENVIRONMENT", name);
        // 0.0.0 registers commands as an unversioned bot does; naming it keeps the runtime's "set BOT_VERSION"
        // advice, meant for deployments, out of every test's output. Tests of versioned registration set their own.
        env.put("BOT_VERSION", TEST_BOT_VERSION);
        return env;
    }

    /** The shared database, user and this environment's schema. */
    public String databaseUrl() {
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The same database, schema and user, reached through {@code proxy} (from {@link #proxyToDatabase()}). */
    public String databaseUrlThrough(CuttableProxy proxy) {
        String authority = serverOf(PG_URL).getRawAuthority();
        return databaseUrl().replaceFirst("//" + Pattern.quote(authority) + "/", "//127.0.0.1:" + proxy.port() + "/");
    }

    /** A plain connection to this environment's schema, outside any pool (a peer holding locks, a check). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(databaseUrl());
    }

    public long count(String sql) throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The first column of the first row as text, or null when there is no row. */
    public String text(String sql) throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** A statement in this environment's schema (the test's own tables, triggers, or changed data). */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (streamsOnSharedNats) {
                try (io.nats.client.Connection nats = Nats.connect(NATS_URL)) {
                    new StreamProvisioner(topology()).removeStreams(nats);
                }
            }
        } finally {
            try (Connection connection = DriverManager.getConnection(PG_URL);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
