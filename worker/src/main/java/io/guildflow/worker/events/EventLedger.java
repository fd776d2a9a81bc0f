package io.guildflow.worker.events;

import io.guildflow.common.event.EventHeaders;
import io.nats.client.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The {@code handled_events} table: which gateway events have had their handlers' effects committed. */
final class EventLedger {
    /** The prefix of the key of an event without a natural one: its stream sequence, that copy only. */
    static final String SEQUENCE_PREFIX = "seq:";

    private EventLedger() {
    }

    /**
     * The ledger key: the gateway's {@code Gf-Event-Key} (the same for every gateway's copy of the event), else the
     * stream sequence, which a redelivery of this copy shares but a second gateway's copy does not.
     */
    static String keyOf(Message message) {
        String key = message.getHeaders() == null ? null : message.getHeaders().getFirst(EventHeaders.KEY);
        return key != null && !key.isBlank() ? key : SEQUENCE_PREFIX + message.metaData().streamSequence();
    }

    /** @return false when the event is already recorded (handled before): its handlers must not run again */
    static boolean claim(Connection tx, String key, String type, String scope, String worker, Instant now)
            throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO handled_events (event_key, type, scope,"
                + " handled_at, worker) VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_key) DO NOTHING")) {
            insert.setString(1, key);
            insert.setString(2, type);
            insert.setString(3, scope);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setString(5, worker);
            return insert.executeUpdate() == 1;
        }
    }
}
