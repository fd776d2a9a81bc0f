package io.guildflow.worker.dispatch;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done inside a handler's transaction just before it commits, so it stands or falls with the handler's effects.
 * A running worker has none; {@code replay} records there that the answer and the channel messages were already
 * delivered before the database was restored, so nothing is sent twice.
 */
@FunctionalInterface
public interface BeforeCommit {
    BeforeCommit NONE = (tx, key) -> { };

    /** @param key the interaction id, or a gateway event's ledger key */
    void apply(Connection tx, String key) throws SQLException;
}
