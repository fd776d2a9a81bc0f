package io.guildflow.app.e2e;

import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One test's own corner of the shared NATS and PostgreSQL: its own ENVIRONMENT (streams, subjects,
 * consumer) and its own schema, both removed on close, so tests run in any order and leave nothing.
 */
public final class IsolatedEnvironment implements AutoCloseable {
    public static final String NATS_URL = System.getenv().getOrDefault("GUILDFLOW_TEST_NATS_URL", "nats://127.0.0.1:4222");
    public static final String PG_URL = System.getenv().getOrDefault("GUILDFLOW_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String name;
    private final String schema;

    public IsolatedEnvironment(String prefix) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
        this.name = prefix + "-" + suffix;
        this.schema = "gf_" + prefix.replace('-', '_') + "_" + suffix;
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

    /** The settings every process of this environment gets; LocalCluster adds the Discord ones. */
    public Map<String, String> settings() {
        Map<String, String> env = new HashMap<>();
        env.put("NATS_URL", NATS_URL);
        env.put("DATABASE_URL", databaseUrl());
        env.put("ENVIRONMENT", name);
        return env;
    }

    public String databaseUrl() {
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public long count(String sql) throws SQLException {
        try (java.sql.Connection connection = DriverManager.getConnection(databaseUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The first column of the first row as text, or null when there is no row. */
    public String text(String sql) throws SQLException {
        try (java.sql.Connection connection = DriverManager.getConnection(databaseUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** A statement in this environment's schema (the test's own tables, triggers, or changed data). */
    public void execute(String sql) throws SQLException {
        try (java.sql.Connection connection = DriverManager.getConnection(databaseUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws Exception {
        try (Connection nats = Nats.connect(NATS_URL)) {
            new StreamProvisioner(topology()).removeStreams(nats);
        }
        try (java.sql.Connection connection = DriverManager.getConnection(PG_URL);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
