package io.guildflow.worker.guild;

import io.guildflow.api.GuildConfig;
import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guild configurations read from PostgreSQL once and kept until someone changes them: whoever
 * writes a row publishes {@code gf.<env>.config.<guildId>} (core NATS) and every worker drops its
 * copy, so the next event reads the new row. After a NATS reconnect (notices may have been missed)
 * the whole cache is dropped.
 */
public final class GuildConfigCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GuildConfigCache.class);

    private final GuildConfigStore store = new GuildConfigStore();
    private final Map<String, GuildConfig> entries = new ConcurrentHashMap<>();
    /** Bumped by every drop, so a read that raced with a change never caches the old row. */
    private final AtomicLong generation = new AtomicLong();
    private final Connection nats;
    private final Dispatcher notices;
    private final ConnectionListener reconnects;

    public GuildConfigCache(Connection nats, Topology topology) {
        this.nats = nats;
        String prefix = topology.configSubject("");
        this.notices = nats.createDispatcher(message -> drop(message.getSubject().substring(prefix.length())));
        this.notices.subscribe(topology.configSubjects());
        this.reconnects = (connection, event) -> {
            if (event == ConnectionListener.Events.RECONNECTED || event == ConnectionListener.Events.RESUBSCRIBED) {
                dropAll();
            }
        };
        nats.addConnectionListener(reconnects);
    }

    /** The guild's settings ({@link GuildConfig#EMPTY} for a guild without a row), read on a miss through {@code connection}. */
    public GuildConfig get(String guildId, java.sql.Connection connection) throws SQLException {
        if (guildId == null) {
            return GuildConfig.EMPTY;
        }
        GuildConfig cached = entries.get(guildId);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        GuildConfig loaded = store.settings(connection, guildId);
        if (generation.get() == before) {
            entries.put(guildId, loaded);
        }
        return loaded;
    }

    void drop(String guildId) {
        generation.incrementAndGet();
        entries.remove(guildId);
        log.debug("configuration of guild {} changed; cached copy dropped", guildId);
    }

    private void dropAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    @Override
    public void close() {
        if (nats.getStatus() == Connection.Status.CLOSED) {
            return; // nothing left to unsubscribe from
        }
        try {
            nats.removeConnectionListener(reconnects);
            nats.closeDispatcher(notices);
        } catch (IllegalStateException e) {
            log.debug("NATS connection closed while the configuration cache stopped: {}", e.getMessage());
        }
    }
}
