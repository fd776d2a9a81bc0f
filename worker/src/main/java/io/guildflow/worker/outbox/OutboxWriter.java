package io.guildflow.worker.outbox;

import io.guildflow.api.DiscordActions;
import io.guildflow.api.Message;
import io.guildflow.common.discord.ResponseEncoder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link DiscordActions} on one transaction: every call is a row in {@code discord_outbox}, committed
 * or rolled back with the handler's other writes. Keys are the interaction id (or a job run's id) and
 * a counter, so a handler's actions are named the same however often it runs.
 */
public final class OutboxWriter implements DiscordActions {
    private final OutboxStore store = new OutboxStore();
    private final Connection tx;
    private final String keyPrefix;
    private int next;

    private OutboxWriter(Connection tx, String keyPrefix) {
        this.tx = tx;
        this.keyPrefix = keyPrefix;
    }

    public static OutboxWriter forInteraction(Connection tx, String interactionId) {
        return new OutboxWriter(tx, interactionPrefix(interactionId));
    }

    /** For a gateway event: keys from the event's ledger key, so a retried event names its actions the same. */
    public static OutboxWriter forEvent(Connection tx, String eventKey) {
        return new OutboxWriter(tx, eventPrefix(eventKey));
    }

    public static String interactionPrefix(String interactionId) {
        return interactionId;
    }

    public static String eventPrefix(String eventKey) {
        return "event:" + eventKey;
    }

    /**
     * Replay mode: the actions queued under {@code prefix} in this transaction reached Discord before the database was
     * restored; they are recorded as delivered ({@code replayed}), so the outbox never sends them a second time, and
     * each post with the message id {@code delivered} kept of it, so later edits by its key find the message.
     */
    public static int recordReplayed(Connection tx, String prefix, DeliveredPosts delivered) throws SQLException {
        return new OutboxStore().finishReplayed(tx, prefix + ":", delivered);
    }

    /** For a scheduled job's batch: each run has its own prefix. */
    public static OutboxWriter forJob(Connection tx, String jobName) {
        return new OutboxWriter(tx, "job:" + jobName + ":" + UUID.randomUUID());
    }

    @Override
    public String postMessage(String channelId, Message message) {
        String key = nextKey();
        insert(key, "post", channelId, null, null, message);
        return key;
    }

    @Override
    public void editMessage(String channelId, String messageId, Message message) {
        insert(nextKey(), "edit", channelId, messageId, null, message);
    }

    @Override
    public void editPosted(String key, Message message) {
        insert(nextKey(), "edit", null, null, key, message);
    }

    @Override
    public Optional<String> postedMessageId(String key) {
        try {
            return store.sentPost(tx, key).map(OutboxStore.Posted::messageId);
        } catch (SQLException e) {
            throw new OutboxException("cannot read the outbox", e);
        }
    }

    private String nextKey() {
        return keyPrefix + ":" + next++;
    }

    private void insert(String key, String kind, String channelId, String messageId, String targetKey, Message message) {
        try {
            store.insert(tx, new OutboxStore.Queued(key, kind, channelId, messageId, targetKey,
                    ResponseEncoder.channelMessage(message).toString()));
        } catch (SQLException e) {
            throw new OutboxException("cannot write to the outbox", e);
        }
    }

    /** The outbox could not be written: the handler fails and its transaction rolls back. */
    public static final class OutboxException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutboxException(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
