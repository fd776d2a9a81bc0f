package io.guildflow.worker.outbox;

import io.guildflow.common.DaemonThreads;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.outbox.OutboxStore.Action;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends committed outbox actions to Discord, in the order they were written. One worker of the
 * environment sends at a time (a transaction-scoped advisory lock per schema), so edits of one
 * message never overtake each other; pending edits of one message are merged into the latest. A
 * worker that dies mid-batch leaves its rows pending: the next sender repeats them, a post with
 * the same {@code nonce}, so Discord does not post it twice.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 50;
    /** Leftovers (another worker's, or after a failure) are looked for at least this often. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /**
     * How often the backlog is counted. The count runs on the partial index of pending rows, cheap
     * while the outbox keeps up; sampled here rather than per scrape so many scrapers (or a large
     * backlog) cost one query per worker every few seconds.
     */
    static final Duration BACKLOG_SAMPLE = Duration.ofSeconds(5);

    private final Database database;
    private final OutboxStore store = new OutboxStore();
    private final ChannelMessages discord;
    private final DeliveredPosts delivered;
    private final Semaphore nudges = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running;
    /** Set by a rate limit: nothing is sent before this (System.nanoTime()). */
    private long pausedUntilNanos = System.nanoTime();
    private long backlogSampledNanos = System.nanoTime() - BACKLOG_SAMPLE.toNanos();
    /** Unsent rows of the environment at the last sample; NaN before the first or while unreadable. */
    private volatile double backlog = Double.NaN;

    /** @param delivered where each post's message id is kept for a replay after a database restore */
    public OutboxSender(Database database, ChannelMessages discord, DeliveredPosts delivered, String workerId) {
        this.database = database;
        this.discord = discord;
        this.delivered = delivered;
        this.thread = DaemonThreads.thread("gf-worker-" + workerId + "-outbox", this::loop);
    }

    public void start() {
        running = true;
        thread.start();
    }

    /** A transaction that wrote to the outbox committed: send now rather than at the next poll. */
    public void nudge() {
        if (nudges.availablePermits() == 0) {
            nudges.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                nudges.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                long pause = pausedUntilNanos - System.nanoTime();
                if (pause > 0) {
                    TimeUnit.NANOSECONDS.sleep(pause);
                }
                nudges.drainPermits();
                while (running && sendBatch()) {
                    // a full batch, or edits that waited for a post just sent: go again
                }
                sampleBacklogIfDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                log.debug("outbox sending paused: {}", e.toString());
                sampleBacklogIfDue();
            }
        }
    }

    /**
     * Unsent outbox rows of this environment (every worker sees the same table, so dashboards
     * take the max over workers, not the sum), as last sampled.
     */
    public double backlog() {
        return backlog;
    }

    private void sampleBacklogIfDue() {
        long now = System.nanoTime();
        if (now - backlogSampledNanos < BACKLOG_SAMPLE.toNanos()) {
            return;
        }
        backlogSampledNanos = now;
        try (Connection connection = database.connection()) {
            backlog = store.countPending(connection);
        } catch (SQLException e) {
            backlog = Double.NaN; // unknown, not zero: a database outage must not look like an empty outbox
            log.debug("outbox backlog not sampled: {}", e.toString());
        }
    }

    /** @return true when another batch may have work at once (false when another worker is sending) */
    boolean sendBatch() throws SQLException {
        try (Connection tx = database.connection()) {
            tx.setAutoCommit(false);
            try {
                boolean again = sendIn(tx);
                tx.commit();
                return again;
            } catch (SQLException | RuntimeException e) {
                tx.rollback();
                throw e;
            }
        }
    }

    private boolean sendIn(Connection tx) throws SQLException {
        if (!store.lockForSending(tx)) {
            return false;
        }
        List<Action> batch = store.pending(tx, BATCH);
        Map<String, Long> latestEditOf = new HashMap<>();
        List<Action> resolved = new ArrayList<>();
        for (Action action : batch) {
            Optional<Action> found = resolve(tx, action);
            if (found.isEmpty()) {
                continue; // its post is not sent yet: it waits
            }
            Action target = found.get();
            resolved.add(target);
            if (target.kind().equals("edit")) {
                latestEditOf.put(target.channelId() + "/" + target.messageId(), target.id());
            }
        }
        boolean postSent = false;
        for (Action action : resolved) {
            if (action.kind().equals("edit")
                    && latestEditOf.get(action.channelId() + "/" + action.messageId()) != action.id()) {
                store.finish(tx, action.id(), "superseded", null);
            } else if (!send(tx, action)) {
                return false; // transient: keep the order, try again at the next poll
            } else {
                postSent |= action.kind().equals("post");
            }
        }
        return batch.size() == BATCH || (postSent && resolved.size() < batch.size());
    }

    /** An edit of a post by key gets the post's channel and message id; empty while the post is pending. */
    private Optional<Action> resolve(Connection tx, Action action) throws SQLException {
        if (action.targetKey() == null) {
            return Optional.of(action);
        }
        return store.sentPost(tx, action.targetKey()).map(action::at);
    }

    /** @return false on a transient failure (the action stays pending) */
    private boolean send(Connection tx, Action action) throws SQLException {
        try {
            if (action.kind().equals("post")) {
                String messageId = discord.create(action.channelId(), action.body(), nonce(action.key()));
                // Before the commit, which may fail: the repeat gets the same message (same nonce), the same entry.
                delivered.record(action.key(), action.channelId(), messageId);
                store.recordMessageId(tx, action.id(), messageId);
            } else {
                discord.edit(action.channelId(), action.messageId(), action.body());
            }
            store.finish(tx, action.id(), "sent", null);
            return true;
        } catch (DiscordApiException e) {
            if (e.isRateLimited()) {
                // Discord's bucket is empty: wait as asked instead of retrying at every commit.
                pausedUntilNanos = System.nanoTime() + e.retryAfter().orElse(POLL).toNanos();
                log.debug("outbox rate-limited for {}", e.retryAfter().orElse(POLL));
                return false;
            }
            if (e.status() >= 400 && e.status() < 500) {
                log.warn("Discord refused outbox action {} for good: {}", action.key(), e.getMessage());
                store.finish(tx, action.id(), "refused", e.getMessage());
                return true;
            }
            return failed(tx, action, e);
        } catch (Exception e) {
            return failed(tx, action, e);
        }
    }

    private boolean failed(Connection tx, Action action, Exception e) throws SQLException {
        log.warn("outbox action {} not sent, retrying: {}", action.key(), e.toString());
        store.recordFailure(tx, action.id(), e.toString());
        return false;
    }

    /**
     * Discord's nonce holds at most 25 characters. Derived from the action's key (an interaction id or
     * a job run's UUID plus a counter), so it is unique across environments sharing one bot.
     */
    static String nonce(String actionKey) {
        return ActionKeyDigest.hex(actionKey, 25);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
