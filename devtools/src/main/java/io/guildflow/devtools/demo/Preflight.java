package io.guildflow.devtools.demo;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.common.DependencyException;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.nats.NatsUnavailableException;
import io.guildflow.worker.database.PostgresFailures;
import io.nats.client.Connection;
import java.sql.SQLException;

/**
 * Checks that NATS (with JetStream) and PostgreSQL answer before anything starts, so a person
 * trying the demo gets one line saying which is missing, where we looked and how to start it.
 */
public final class Preflight {
    private Preflight() {
    }

    public static void check(GuildflowConfig config) {
        String servers = config.nats().servers().describe();
        try (Connection nats = NatsConnections.connect(config.nats().servers(), "guildflow-preflight")) {
            nats.jetStreamManagement().getAccountStatistics();
        } catch (NatsUnavailableException e) {
            throw new DependencyException("NATS is not reachable at " + servers + " (NATS_URL): start it with"
                    + " `nats-server -js`, or set NATS_URL", e);
        } catch (Exception e) {
            throw new DependencyException("NATS at " + servers + " has no JetStream: restart it with `nats-server -js`", e);
        }
        DatabaseSettings database = config.requireDatabase();
        try (java.sql.Connection ignored = database.connect(3)) {
            // reachable
        } catch (SQLException e) {
            if (PostgresFailures.classify(e) != PostgresFailures.Cause.REFUSED) {
                throw PostgresFailures.unusable(database.describe(), e);
            }
            // the usual case when trying the demo: PostgreSQL not started yet
            throw new DependencyException("PostgreSQL is not reachable at " + database.describe() + " (DATABASE_URL): "
                    + "start it (e.g. `pg_ctlcluster 15 main start`), or set DATABASE_URL", e);
        }
    }
}
