package io.guildflow.worker.outbox;

import io.guildflow.common.nats.JetStreamErrors;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.outbox.OutboxStore.Posted;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Discord put each post the outbox delivered (its channel and message id), kept outside PostgreSQL in the NATS
 * key-value bucket {@code gf_<env>_posts}: after a database restore lost the rows that held them, {@code replay}
 * gives the posts it records as delivered their message ids back, so a later edit of such a post by its key still
 * finds the message (issue 25).
 *
 * <p>An entry is named by a hash of the action key (a bucket key allows no {@code :}) and holds
 * {@code <channelId> <messageId>}. It lasts as long as the streams keep an event: an older post can never be replayed.
 * Writing never holds up the outbox: a put is not waited for, and when NATS refuses or is unreachable the post is
 * still recorded in PostgreSQL as sent (one WARN, then DEBUG while it lasts); such a post has no entry, and a replay
 * leaves its message id empty, as before the bucket existed.
 */
public final class DeliveredPosts {
    /** 128 bits of SHA-256: no two action keys of an environment's window share one. */
    static final int KEY_CHARS = 32;
    private static final Logger log = LoggerFactory.getLogger(DeliveredPosts.class);
    private static final String NOT_RECORDED = "sent all the same, but a replay after a database restore would leave"
            + " it without its message id";

    /** How an entry is written: without waiting, its outcome told by the future. */
    interface Writes {
        CompletableFuture<?> put(String key, byte[] value) throws IOException;
    }

    /** How an entry is read: empty when the bucket holds none under the key. */
    interface Reads {
        Optional<byte[]> get(String key) throws IOException, JetStreamApiException;
    }

    private final String bucket;
    private final Writes writes;
    private final Reads reads;
    private final AtomicBoolean failing = new AtomicBoolean();

    DeliveredPosts(String bucket, Writes writes, Reads reads) {
        this.bucket = bucket;
        this.writes = writes;
        this.reads = reads;
    }

    /** The environment's bucket on {@code nats}: a worker's outbox records into it, {@code replay} reads it. */
    public static DeliveredPosts in(Connection nats, Topology topology) {
        String bucket = topology.postsBucket();
        return new DeliveredPosts(bucket, new BucketWrites(nats, bucket), new BucketReads(nats, bucket));
    }

    /**
     * A worker's at start: creates the bucket unless it exists (another worker may create it meanwhile), file
     * storage, {@code STREAM_REPLICAS} copies, entries kept {@code ttl}. An existing bucket with another TTL takes
     * this one: {@code STREAM_MAX_AGE} changed and with it the window a replay reaches back, which its entries must
     * cover (during a rollout that changes it, workers of both settings may set it in turn until the old ones stop).
     * Not fatal when NATS refuses (an older NATS configuration without the bucket's permissions): the outbox sends
     * all the same, and says at its first post that it cannot record it.
     *
     * @param ttl the longest a stream keeps an event ({@code NatsSettings#longestStreamAge})
     */
    public static void provision(Connection nats, Topology topology, Duration ttl) {
        String bucket = topology.postsBucket();
        try {
            KeyValueManagement management = nats.keyValueManagement();
            Optional<KeyValueStatus> existing = status(management, bucket);
            if (existing.isEmpty()) {
                try {
                    management.create(KeyValueConfiguration.builder().name(bucket).storageType(StorageType.File)
                            .replicas(topology.streamReplicas()).maxHistoryPerKey(1).ttl(ttl).build());
                    log.info("key-value bucket {} created, entries kept {}", bucket, ttl);
                    return;
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() != JetStreamErrors.STREAM_NAME_IN_USE) {
                        throw e;
                    }
                    existing = status(management, bucket); // another worker's, created with other settings
                }
            }
            if (existing.isPresent() && !existing.get().getTtl().equals(ttl)) {
                management.update(KeyValueConfiguration.builder(existing.get().getConfiguration()).ttl(ttl).build());
                log.info("key-value bucket {} now keeps entries {} (was {})", bucket, ttl, existing.get().getTtl());
            }
        } catch (IOException | JetStreamApiException e) {
            log.warn("key-value bucket {} not provisioned: {}; a replay after a database restore will leave the posts"
                    + " sent meanwhile without their message ids", bucket, e.getMessage());
        }
    }

    private static Optional<KeyValueStatus> status(KeyValueManagement management, String bucket)
            throws IOException, JetStreamApiException {
        try {
            return Optional.of(management.getBucketInfo(bucket));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != JetStreamErrors.STREAM_NOT_FOUND) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** The bucket's key for an action key. */
    static String key(String actionKey) {
        return ActionKeyDigest.hex(actionKey, KEY_CHARS);
    }

    /**
     * Discord created post {@code actionKey} as {@code messageId} in {@code channelId}. Returns at once; never throws.
     * Written again when a post is repeated (same nonce, same message): the same value.
     */
    public void record(String actionKey, String channelId, String messageId) {
        try {
            writes.put(key(actionKey), (channelId + " " + messageId).getBytes(StandardCharsets.UTF_8))
                    .whenComplete((ack, failure) -> {
                        if (failure == null) {
                            recovered();
                        } else {
                            failed("post " + actionKey + " not recorded", NOT_RECORDED,
                                    failure instanceof CompletionException && failure.getCause() != null
                                            ? failure.getCause() : failure);
                        }
                    });
        } catch (IOException | RuntimeException e) {
            // a closed connection, a full reconnect buffer
            failed("post " + actionKey + " not recorded", NOT_RECORDED, e);
        }
    }

    /** Where Discord put post {@code actionKey}; empty when the bucket has no entry for it, or cannot be read. */
    Optional<Posted> find(String actionKey) {
        try {
            Optional<Posted> found = reads.get(key(actionKey)).flatMap(DeliveredPosts::parse);
            recovered();
            return found;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            failed("post " + actionKey + " not looked up", "it is replayed without its message id", e);
        }
        return Optional.empty();
    }

    /** {@code <channelId> <messageId>}; anything else is no entry. */
    static Optional<Posted> parse(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1 || text.indexOf(' ', space + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Posted(text.substring(0, space), text.substring(space + 1)));
    }

    private void failed(String what, String consequence, Throwable reason) {
        if (failing.compareAndSet(false, true)) {
            log.warn("{} in NATS key-value bucket {} ({}): {}; said once, until the bucket answers again", what, bucket,
                    reason.toString(), consequence);
        } else {
            log.debug("{} in NATS key-value bucket {}: {}", what, bucket, reason.toString());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            log.info("NATS key-value bucket {} answers again", bucket);
        }
    }

    /**
     * Puts on the subject a key-value put is published on: JetStream's {@code publishAsync} is the put that does not
     * block. Its JetStream context is made at the first post, once, not at every one.
     */
    private static final class BucketWrites implements Writes {
        private final Connection nats;
        private final String subjectPrefix;
        private JetStream jetStream;

        BucketWrites(Connection nats, String bucket) {
            this.nats = nats;
            this.subjectPrefix = "$KV." + bucket + ".";
        }

        @Override
        public CompletableFuture<?> put(String key, byte[] value) throws IOException {
            if (jetStream == null) {
                jetStream = nats.jetStream();
            }
            return jetStream.publishAsync(subjectPrefix + key, value);
        }
    }

    /** Opened at the first look-up: a replay that replays no post never asks for the bucket. */
    private static final class BucketReads implements Reads {
        private final Connection nats;
        private final String bucket;
        private KeyValue opened;

        BucketReads(Connection nats, String bucket) {
            this.nats = nats;
            this.bucket = bucket;
        }

        @Override
        public Optional<byte[]> get(String key) throws IOException, JetStreamApiException {
            if (opened == null) {
                opened = nats.keyValue(bucket);
            }
            KeyValueEntry entry = opened.get(key);
            return entry == null || entry.getValue() == null ? Optional.empty() : Optional.of(entry.getValue());
        }
    }
}
