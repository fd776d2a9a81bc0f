package io.guildflow.testkit.bot;

import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.nats.NatsServers;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One test's own corner of the shared NATS and PostgreSQL: its own {@code ENVIRONMENT} (streams,
 * subjects, consumer) and its own schema, both removed on close. NATS and PostgreSQL come from
 * {@code NATS_URL} and {@code DATABASE_URL} when set, else the local defaults.
 */
final class TestWorld implements AutoCloseable {
    static final String DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";

    private final String environment;
    private final String schema;
    private final Map<String, String> settings = new HashMap<>();

    /** Numbers 0.0.0, which register commands as an unversioned bot does (the suffix does not count). */
    static final String TEST_BOT_VERSION = "0.0.0-testkit";

    TestWorld(Map<String, String> processEnvironment) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        this.environment = "bot-" + suffix;
        this.schema = "gf_bot_" + suffix;
        String databaseUrl = processEnvironment.getOrDefault("DATABASE_URL", DEFAULT_DATABASE_URL);
        settings.put("NATS_URL", processEnvironment.getOrDefault("NATS_URL", NatsServers.DEFAULT_URL));
        settings.put("DATABASE_URL", databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        settings.put("ENVIRONMENT", environment);
        settings.put("METRICS_ADDRESS", "127.0.0.1:0");
        settings.put("LOG_LEVEL", processEnvironment.getOrDefault("LOG_LEVEL", "warn"));
        // Each test registers its commands in an emulator of its own, so a version cannot matter there; naming one
        // keeps the runtime's "set BOT_VERSION" advice, meant for deployments, out of every test's output.
        settings.put("BOT_VERSION", TEST_BOT_VERSION);
    }

    /** NATS_URL, DATABASE_URL (with this test's schema), ENVIRONMENT, METRICS_ADDRESS, LOG_LEVEL, BOT_VERSION. */
    Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    String schema() {
        return schema;
    }

    /** A connection to this test's schema, e.g. to check what a handler wrote. */
    Connection database() throws SQLException {
        DatabaseSettings database = DatabaseSettings.parse("DATABASE_URL", settings.get("DATABASE_URL"));
        return database.connect(0);
    }

    @Override
    public void close() throws Exception {
        NatsServers servers = NatsServers.from(new EnvironmentValues(settings));
        try (io.nats.client.Connection nats = NatsConnections.connect(servers, "guildflow-test-cleanup")) {
            new StreamProvisioner(new Topology(environment)).removeStreams(nats);
        } finally {
            try (Connection connection = database(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
