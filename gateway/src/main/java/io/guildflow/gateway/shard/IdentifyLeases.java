package io.guildflow.gateway.shard;

import io.guildflow.common.nats.JetStreamErrors;
import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.guildflow.common.nats.TopologyWatch;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's IDENTIFY rule across every gateway process of the bot: one IDENTIFY per rate-limit
 * bucket ({@code shard id % max_concurrency}) per 5 seconds. Each bucket is a key in a NATS
 * key-value bucket whose entries expire after {@value #WINDOW_SECONDS} s: taking the lease is
 * creating the key (refused while it exists), and after the IDENTIFY the key is written again,
 * so the 5 s count from when the IDENTIFY went out, not from when the lease was taken.
 */
public final class IdentifyLeases {
    static final int WINDOW_SECONDS = 5;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(IdentifyLeases.class);

    private final KeyValue leases;
    private final byte[] owner;

    private IdentifyLeases(KeyValue leases, String owner) {
        this.leases = leases;
        this.owner = owner.getBytes(StandardCharsets.UTF_8);
    }

    public static IdentifyLeases open(Connection nats, Topology topology, String owner) {
        String bucket = topology.identifyLeaseBucket();
        try {
            KeyValueManagement management = nats.keyValueManagement();
            if (!management.getBucketNames().contains(bucket)) {
                create(management, bucket);
            }
            return new IdentifyLeases(nats.keyValue(bucket), owner);
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("cannot open the IDENTIFY lease bucket " + bucket + ": " + e.getMessage(),
                    e);
        }
    }

    private static KeyValueConfiguration configuration(String bucket) {
        return KeyValueConfiguration.builder().name(bucket).maxHistoryPerKey(1)
                .ttl(Duration.ofSeconds(WINDOW_SECONDS)).storageType(StorageType.Memory).build();
    }

    /** Creates the bucket; one another gateway created first is no error, any other refusal is thrown. */
    private static void create(KeyValueManagement management, String bucket) throws IOException, JetStreamApiException {
        try {
            management.create(configuration(bucket));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != JetStreamErrors.STREAM_NAME_IN_USE) {
                throw e;
            }
        }
    }

    /**
     * The bucket as a part of the gateway's {@link TopologyWatch}: a NATS server back on an empty store has none, and a
     * shard that reconnects would wait for its lease forever. The open leases' handle writes by subject, so the
     * bucket created again serves it as it is.
     */
    public static TopologyWatch.Part watched(Connection nats, Topology topology) {
        String bucket = topology.identifyLeaseBucket();
        return new TopologyWatch.Part() {
            @Override
            public List<String> missing() throws IOException, JetStreamApiException {
                return nats.keyValueManagement().getBucketNames().contains(bucket) ? List.of()
                        : List.of("IDENTIFY lease bucket " + bucket + " missing");
            }

            @Override
            public void recreate(List<String> missing) throws IOException, JetStreamApiException {
                create(nats.keyValueManagement(), bucket); // a refusal is for the watch to report
            }
        };
    }

    /** Blocks until this process may IDENTIFY in the bucket. */
    void acquire(int rateLimitBucket) throws InterruptedException {
        String key = key(rateLimitBucket);
        while (true) {
            try {
                leases.create(key, owner);
                return;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != JetStreamErrors.WRONG_LAST_SEQUENCE) {
                    log.warn("IDENTIFY lease for bucket {} failed, retrying: {}", rateLimitBucket, e.getMessage());
                }
            } catch (IOException e) {
                log.warn("IDENTIFY lease for bucket {} unreachable, retrying: {}", rateLimitBucket, e.getMessage());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The IDENTIFY went out: the bucket stays taken for the next 5 s from now. */
    void identified(int rateLimitBucket) {
        try {
            leases.put(key(rateLimitBucket), owner);
        } catch (IOException | JetStreamApiException e) {
            // The key from acquire() still expires 5 s after it was taken; JDA's own pacing covers the rest.
            log.warn("could not refresh the IDENTIFY lease of bucket {}: {}", rateLimitBucket, e.getMessage());
        }
    }

    private static String key(int rateLimitBucket) {
        return "bucket-" + rateLimitBucket;
    }
}
