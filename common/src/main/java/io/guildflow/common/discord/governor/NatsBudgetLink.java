package io.guildflow.common.discord.governor;

import io.guildflow.common.DaemonThreads;
import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one bot's REST budget across the processes of an environment over NATS, keyed by a hash
 * of the bot token (never the token).
 *
 * <p>The global limit is split by presence and demand: every process announces itself each
 * {@value #HEARTBEAT_MILLIS} ms on core NATS ({@code gf.<env>.rest.<key>.presence}) as {@code active}
 * (it sent or wanted to send globally limited requests in the last {@value #IDLE_AFTER_MILLIS} ms)
 * or {@code idle}. An idle process may send {@value #IDLE_SHARE} request a second; the active ones split
 * the rest equally. So the one worker that holds the outbox gets nearly the whole budget instead of
 * a third of it. No leader, no lease, no NATS round trip per request (a REST call must not wait for
 * NATS). The transitions keep the sum within the limit: a process turning active says so at once
 * and keeps to the idle share for {@value #RAMP_MILLIS} ms, until the others have heard it and their
 * last second at the larger share is over; it turns idle only after {@value #IDLE_AFTER_MILLIS} ms
 * without demand (its last second is empty); a process that stops is counted, as it last was, for
 * {@value #PEER_EXPIRY_MILLIS} ms more: its budget is left unused, never overspent.
 *
 * <p>When no other process is active, nobody's last second holds more than the idle share, so the wait is
 * only {@value #SETTLE_MILLIS} ms: long enough for processes turning active in the same moment to hear each other
 * (then they wait the whole ramp). "No other process" needs a full picture: a process asks for one when it opens (a
 * roll call, {@code <id> hello}, which every process answers at once with its state), and has it
 * {@value #ROLL_CALL_MILLIS} ms later. So the operator's rare calls (command
 * registration at a gateway's start, {@code setup}) and an outbox in a quiet cluster start without the ramp's second.
 *
 * <p>What must outlive a process goes to the key-value bucket {@code gf_<env>_rest}, which every
 * process watches: each route's bucket hash and limit (learned once for the cluster), buckets
 * blocked until their reset (an empty bucket, a 429) and each process's invalid requests per
 * minute (its own keys, so no compare-and-set). Entries expire after {@link #KV_TTL}.
 *
 * <p>Without NATS each process falls back to {@code limit / (N + 1)} of the last N it knew, says
 * so once, and says so again when NATS is back.
 */
final class NatsBudgetLink implements ClusterLink {
    static final long HEARTBEAT_MILLIS = 1000;
    static final long PEER_EXPIRY_MILLIS = 3 * HEARTBEAT_MILLIS;
    static final long IDLE_AFTER_MILLIS = 2 * GlobalLimiter.WINDOW_MILLIS;
    static final long RAMP_MILLIS = GlobalLimiter.WINDOW_MILLIS + 100;
    /** How long processes turning active together take to hear each other, with margin for a loaded host. */
    static final long SETTLE_MILLIS = 250;
    /** How long the answers to a roll call take to arrive, with the same margin. */
    static final long ROLL_CALL_MILLIS = 250;
    private static final String HELLO = "hello";
    static final int IDLE_SHARE = 1;
    /** Longer than the invalid-request window, so a restarted process still counts the last ten minutes. */
    static final Duration KV_TTL = Duration.ofMinutes(InvalidRequests.WINDOW_SLOTS + 1);
    private static final Logger log = LoggerFactory.getLogger(NatsBudgetLink.class);

    private final Connection nats;
    private final Topology topology;
    private final String tokenKey;
    private final String processId;
    private final LongSupplier clock;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final Map<String, byte[]> pendingWrites = new ConcurrentHashMap<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final ScheduledExecutorService executor;
    private final Dispatcher dispatcher;
    private volatile int processes = 1;
    private volatile boolean active;
    private volatile long activeSince;
    private volatile long lastDemand;
    private volatile int lastConnectedProcesses = 1;
    /** From then on every live process of the environment is in {@link #peers} (the roll call was answered). */
    private volatile long pictureCompleteAt;
    private volatile KeyValue kv;
    private volatile NatsKeyValueWatchSubscription watch;
    private RestGovernor governor;

    private NatsBudgetLink(Connection nats, Topology topology, String tokenKey, String processId, LongSupplier clock) {
        this.nats = nats;
        this.topology = topology;
        this.tokenKey = tokenKey;
        this.processId = processId;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gf-rest-governor"));
        this.dispatcher = nats.createDispatcher(msg -> heard(new String(msg.getData(), StandardCharsets.UTF_8)));
    }

    /** What a process last said of itself. */
    private record Peer(long seen, boolean active) {
    }

    /** The bot's budget for this process, shared with the environment's others over {@code nats}. */
    static RestGovernor open(Connection nats, Topology topology, String botToken, GovernorSettings settings,
                             String processId) {
        return open(nats, topology, botToken, settings, processId, System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds (a test's own, to step through the ramp) */
    static RestGovernor open(Connection nats, Topology topology, String botToken, GovernorSettings settings,
                             String processId, LongSupplier clock) {
        NatsBudgetLink link = new NatsBudgetLink(nats, topology, tokenKey(botToken), processId, clock);
        RestGovernor governor = new RestGovernor(settings.globalLimit(), new Breaker(settings.breakerThreshold()),
                link, clock, processId);
        link.start(governor);
        return governor;
    }

    private void start(RestGovernor owner) {
        this.governor = owner;
        dispatcher.subscribe(topology.restSubject(tokenKey, "presence"));
        rollCall();
        executor.scheduleAtFixedRate(this::tick, 0, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A short, stable, one-way name for the bot: the budget belongs to the token, which must never leave the process. */
    static String tokenKey(String botToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("guildflow-rest:" + botToken).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Asks every process of the environment for its state. Until one went out on a connected connection (and again
     * after NATS was unreachable, when the picture may have gone stale) the whole ramp applies.
     */
    private void rollCall() {
        pictureCompleteAt = say(HELLO) ? clock.getAsLong() + ROLL_CALL_MILLIS : Long.MAX_VALUE;
    }

    private void tick() {
        if (nats.getStatus() != Connection.Status.CONNECTED) {
            pictureCompleteAt = Long.MAX_VALUE;
        } else if (pictureCompleteAt == Long.MAX_VALUE) {
            rollCall();
        }
        long now = clock.getAsLong();
        if (active && now - lastDemand > IDLE_AFTER_MILLIS) {
            active = false; // nothing sent for two seconds: the last second is empty, the idle share is safe
        }
        announce();
        recount(now);
        if (watch == null && nats.getStatus() == Connection.Status.CONNECTED) {
            openBucket();
        }
    }

    private void announce() {
        say(active ? "active" : "idle");
    }

    /** @return whether it went out on a connected connection */
    private boolean say(String state) {
        try {
            boolean connected = nats.getStatus() == Connection.Status.CONNECTED;
            nats.publish(topology.restSubject(tokenKey, "presence"),
                    (processId + " " + state).getBytes(StandardCharsets.UTF_8));
            return connected;
        } catch (RuntimeException e) {
            log.debug("REST governor presence not sent: {}", e.toString());
            return false;
        }
    }

    private void heard(String presence) {
        String[] parts = presence.split(" ");
        if (parts.length != 2 || parts[0].equals(processId)) {
            return;
        }
        long now = clock.getAsLong();
        peers.put(parts[0], new Peer(now, parts[1].equals("active")));
        recount(now);
        if (parts[1].equals(HELLO)) {
            executor.execute(this::announce); // a roll call: the newcomer waits for this answer
        }
    }

    private void recount(long now) {
        peers.values().removeIf(peer -> now - peer.seen() > PEER_EXPIRY_MILLIS);
        processes = peers.size() + 1;
    }

    private void openBucket() {
        String bucket = topology.restBucket();
        try {
            KeyValueManagement management = nats.keyValueManagement();
            if (!management.getBucketNames().contains(bucket)) {
                try {
                    management.create(KeyValueConfiguration.builder().name(bucket).maxHistoryPerKey(1).ttl(KV_TTL)
                            .storageType(StorageType.Memory).build());
                } catch (JetStreamApiException createdByAnotherProcess) {
                    log.debug("REST budget bucket {}: {}", bucket, createdByAnotherProcess.getMessage());
                }
            }
            KeyValue opened = nats.keyValue(bucket);
            kv = opened;
            watch = opened.watch(tokenKey + ".>", new Watcher(), KeyValueWatchOption.IGNORE_DELETE);
        } catch (IOException | JetStreamApiException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("REST budget bucket {} not open yet: {}", bucket, e.toString());
        }
    }

    @Override
    public int globalShare(int limit) {
        if (nats.getStatus() != Connection.Status.CONNECTED) {
            if (degraded.compareAndSet(false, true)) {
                log.warn("NATS unreachable: the Discord REST budget falls back to a local share of {} requests/s",
                        fallbackShare(limit));
            }
            return fallbackShare(limit);
        }
        if (degraded.compareAndSet(true, false)) {
            log.info("NATS reachable again: the Discord REST budget is shared with the environment's processes");
        }
        lastConnectedProcesses = processes;
        long now = clock.getAsLong();
        lastDemand = now;
        if (!active) {
            active = true;
            activeSince = now;
            executor.execute(this::announce); // at once: the others shrink before this one grows
        }
        if (ramping(now)) {
            return IDLE_SHARE;
        }
        int idle = 0;
        int busy = 1; // this one
        for (Peer peer : peers.values()) {
            if (now - peer.seen() <= PEER_EXPIRY_MILLIS) {
                if (peer.active()) {
                    busy++;
                } else {
                    idle++;
                }
            }
        }
        return Math.max(IDLE_SHARE, (limit - idle * IDLE_SHARE) / busy);
    }

    /** Turned active lately: the idle share still (see the class comment for how long). */
    private boolean ramping(long now) {
        return rampEnds(now) > now;
    }

    /** When the ramp ends, as far as is known at {@code now}. */
    private long rampEnds(long now) {
        long whole = activeSince + RAMP_MILLIS;
        boolean anotherActive = peers.values().stream()
                .anyMatch(peer -> peer.active() && now - peer.seen() <= PEER_EXPIRY_MILLIS);
        return anotherActive ? whole : Math.min(whole, Math.max(activeSince + SETTLE_MILLIS, pictureCompleteAt));
    }

    @Override
    public long shareMayGrowIn() {
        long now = clock.getAsLong();
        return active && ramping(now) ? rampEnds(now) - now : Long.MAX_VALUE;
    }

    private int fallbackShare(int limit) {
        return Math.max(1, limit / (lastConnectedProcesses + 1));
    }

    @Override
    public int processes() {
        return processes;
    }

    @Override
    public void learned(String route, String hash, int limit) {
        write("route." + encode(route), hash + " " + limit);
    }

    @Override
    public void blocked(String bucketId, long until) {
        write("block." + encode(bucketId), Long.toString(until));
    }

    @Override
    public void invalid(long minute, int count) {
        write("invalid." + minute + "." + processId, Integer.toString(count));
    }

    /** Writes leave the governor's lock at once: the latest value per key, put by the governor's thread. */
    private void write(String key, String value) {
        pendingWrites.put(tokenKey + "." + key, value.getBytes(StandardCharsets.UTF_8));
        if (flushScheduled.compareAndSet(false, true)) {
            executor.execute(this::flush);
        }
    }

    private void flush() {
        flushScheduled.set(false);
        for (String key : pendingWrites.keySet()) {
            byte[] value = pendingWrites.remove(key);
            KeyValue bucket = kv;
            if (value == null || bucket == null) {
                continue;
            }
            try {
                bucket.put(key, value);
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                log.debug("REST budget not shared ({}): {}", key, e.toString());
            }
        }
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String text) {
        return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    }

    /** What the other processes (and this one) wrote; a malformed entry is ignored, never fatal. */
    private final class Watcher implements KeyValueWatcher {
        @Override
        public void watch(KeyValueEntry entry) {
            String[] parts = entry.getKey().split("\\.");
            String value = entry.getValueAsString();
            if (parts.length < 3 || value == null) {
                return;
            }
            try {
                switch (parts[1]) {
                    case "route" -> {
                        String[] hashAndLimit = value.split(" ");
                        governor.remoteLearned(decode(parts[2]), hashAndLimit[0], Integer.parseInt(hashAndLimit[1]));
                    }
                    case "block" -> governor.remoteBlocked(decode(parts[2]), Long.parseLong(value));
                    case "invalid" -> {
                        if (parts.length == 4) {
                            governor.remoteInvalid(parts[3], Long.parseLong(parts[2]), Integer.parseInt(value));
                        }
                    }
                    default -> log.debug("unknown REST budget entry {}", entry.getKey());
                }
            } catch (RuntimeException e) {
                log.debug("malformed REST budget entry {}: {}", entry.getKey(), e.toString());
            }
        }

        @Override
        public void endOfData() {
            // the current state is in; updates keep coming
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        NatsKeyValueWatchSubscription open = watch;
        if (open != null) {
            try {
                open.unsubscribe();
            } catch (RuntimeException e) {
                log.debug("REST budget watch not closed: {}", e.toString());
            }
        }
        try {
            nats.closeDispatcher(dispatcher);
        } catch (RuntimeException e) {
            log.debug("REST governor dispatcher not closed: {}", e.toString());
        }
    }
}
