package io.guildflow.worker.guild;

import io.guildflow.common.nats.Topology;
import io.guildflow.common.envelope.GuildLifecycleEnvelope;
import io.nats.client.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Changes to a guild's row, each committed on its own and then announced on
 * {@code gf.<env>.config.<guildId>} (after the commit, so no worker can reload the old row).
 * Every change is idempotent: a redelivered event or a repeated command changes nothing twice.
 */
public final class GuildConfigChanges {
    private final DataSource database;
    private final Connection nats;
    private final Topology topology;
    private final GuildConfigStore store = new GuildConfigStore();

    public GuildConfigChanges(DataSource database, Connection nats, Topology topology) {
        this.database = database;
        this.nats = nats;
        this.topology = topology;
    }

    /** @return true when the value changed */
    public boolean set(String guildId, String key, String value) throws SQLException {
        boolean changed;
        try (java.sql.Connection connection = database.getConnection()) {
            changed = store.set(connection, guildId, key, value);
        }
        return announced(guildId, changed);
    }

    /** A join gets a default row (or reactivates the kept one); a leave marks the row inactive. */
    public boolean apply(GuildLifecycleEnvelope event) throws SQLException {
        boolean changed;
        try (java.sql.Connection connection = database.getConnection()) {
            changed = event.event() == GuildLifecycleEnvelope.Event.JOINED
                    ? store.ensureActive(connection, event.guildId(), java.util.Map.of())
                    : store.markLeft(connection, event.guildId());
        }
        return announced(event.guildId(), changed);
    }

    private boolean announced(String guildId, boolean changed) {
        if (changed) {
            nats.publish(topology.configSubject(guildId), new byte[0]);
        }
        return changed;
    }
}
