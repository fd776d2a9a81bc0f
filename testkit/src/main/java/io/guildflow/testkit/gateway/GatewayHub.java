package io.guildflow.testkit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Snowflakes;
import io.guildflow.testkit.model.World;
import io.guildflow.testkit.recording.Recorder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Gateway logic: sessions, dispatch by shard, server-side triggers, and a watchdog that closes connections whose
 * heartbeats stopped or that ignored a RECONNECT. IDENTIFY and RESUME are in {@link Handshake}.
 */
public final class GatewayHub implements AutoCloseable {
    private static final long ABANDONED_NANOS = TimeUnit.MINUTES.toNanos(5);
    private final World world;
    private final Recorder recorder;
    private final Clock clock;
    private final IdentifyLimiter identifyLimits;
    private final GatewayRules rules;
    private final Handshake handshake;
    private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();
    private final Set<GatewayConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object changed = new Object();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "discord-emulator-gateway-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile String resumeUrl = "";

    public GatewayHub(World world, String token, Recorder recorder, Clock clock, int bufferLimit,
            IdentifyLimiter identifyLimits, GatewayRules rules) {
        this.world = world;
        this.recorder = recorder;
        this.clock = clock;
        this.identifyLimits = identifyLimits;
        this.rules = rules;
        this.handshake = new Handshake(this, world, token, clock, identifyLimits, rules, bufferLimit);
        long every = Math.max(10, Math.min(250, rules.heartbeatInterval().toMillis() / 8));
        watchdog.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /** A new connection listener for the Jetty WebSocket creator; {@code path} tells the resume URL apart. */
    public Object newConnection(String path) {
        return new GatewayConnection(this, path != null && path.startsWith(GatewayConnection.RESUME_PATH));
    }

    public void setResumeUrl(String url) {
        this.resumeUrl = url;
    }

    String resumeUrl() {
        return resumeUrl;
    }

    public IdentifyLimiter identifyLimits() {
        return identifyLimits;
    }

    GatewayRules rules() {
        return rules;
    }

    Recorder recorder() {
        return recorder;
    }

    Clock clock() {
        return clock;
    }

    void opened(GatewayConnection c) {
        connections.add(c);
    }

    void register(GatewaySession session) {
        // Discord forgets sessions nobody resumed for a while; so do we, to bound memory in long runs
        sessions.values().removeIf(old -> old.abandonedFor(ABANDONED_NANOS));
        sessions.put(session.id(), session);
        signal();
    }

    GatewaySession session(String id) {
        return sessions.get(id);
    }

    void onFrame(GatewayConnection c, int op, JsonNode d) {
        switch (op) {
            case 1 -> c.send("{\"op\":11}", 11, null, null);
            case 2 -> handshake.identify(c, d);
            case 6 -> handshake.resume(c, d);
            case 8 -> handshake.requestGuildMembers(c, d);
            case 3, 4, 31 -> {
                // presence update, voice state update, request soundboard sounds: accepted, not modelled
            }
            default -> c.close(4001, "Unknown opcode.");
        }
        signal();
    }

    void onClose(GatewayConnection c, int code) {
        connections.remove(c);
        GatewaySession session = c.session();
        if (session != null) {
            session.detach(c);
            if ((code == 1000 || code == 1001) && !c.closedByServer()) {
                // Discord invalidates a session whose client closes normally
                session.invalidate();
                sessions.remove(session.id());
            }
        }
        signal();
    }

    /** Closes connections that missed their heartbeat or kept going after RECONNECT's grace period. */
    private void sweep() {
        long now = System.nanoTime();
        for (GatewayConnection c : connections) {
            try {
                if (c.heartbeatOverdue(now, rules.heartbeatDeadlineNanos())) {
                    // gateway docs, "Heartbeat Interval": the connection is closed and the client must resume
                    c.close(4009, "Session timed out.");
                } else if (c.reconnectIgnored(now, rules.reconnectGrace().toNanos())) {
                    c.close(4000, "Reconnect requested.");
                }
            } catch (RuntimeException e) {
                connections.remove(c);
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** Sends a dispatch to every session of the guild's shard (guildId null: shard 0), intents aside. */
    public int dispatch(Long guildId, String t, JsonNode d) {
        return dispatchWhere(guildId, t, d, s -> true);
    }

    /**
     * Sends an event as Discord does: to the sessions of the guild's shard (a DM, {@code guildId} null: shard 0) that
     * identified with the intent it needs, and to those without MESSAGE_CONTENT with the message content left out
     * (see {@link EventDispatches}). Each session numbers it in its own sequence. Returns the sessions reached.
     */
    public int dispatchEvent(Long guildId, String t, ObjectNode d) {
        long botId = world.bot().snowflake();
        long needed = EventDispatches.requiredIntent(t, guildId == null, d, botId);
        ObjectNode blank = EventDispatches.withoutMessageContent(t, d, botId);
        int reached = dispatchWhere(guildId, t, d,
                s -> s.wants(needed) && (blank == null || s.has(Intents.MESSAGE_CONTENT)));
        if (blank != null) {
            reached += dispatchWhere(guildId, t, blank, s -> s.wants(needed) && !s.has(Intents.MESSAGE_CONTENT));
        }
        return reached;
    }

    private int dispatchWhere(Long guildId, String t, JsonNode d, Predicate<GatewaySession> to) {
        String json = null;
        int reached = 0;
        for (GatewaySession s : sessions.values()) {
            int target = guildId == null ? 0 : Snowflakes.shardOf(guildId, s.total());
            if (target == s.shard() && to.test(s)) {
                if (json == null) {
                    json = Json.write(d);
                }
                s.dispatch(t, json);
                reached++;
            }
        }
        return reached;
    }

    /** GUILD_CREATE to the guild's shard: it became available again, or the bot joined it. */
    public void guildCreate(GuildState g) {
        // one payload for every session: the full member list only where GUILD_PRESENCES was asked for
        for (boolean allMembers : new boolean[] {false, true}) {
            JsonNode d = GatewayPayloads.guildCreate(world, g, clock.instant(), allMembers);
            dispatchWhere(g.id(), "GUILD_CREATE", d,
                    s -> s.has(Intents.GUILDS) && s.has(Intents.GUILD_PRESENCES) == allMembers);
        }
    }

    /** GUILD_DELETE to the guild's shard: an outage ({@code unavailable}) or the bot left or was removed. */
    public void guildDelete(long guildId, boolean unavailable) {
        dispatchEvent(guildId, "GUILD_DELETE", GatewayPayloads.unavailableGuild(guildId, unavailable));
    }

    /** RECONNECT (op 7); a connection the client has not closed after the grace period is closed (4000). */
    public void triggerReconnect(int shard) {
        for (GatewaySession s : forShard(shard)) {
            GatewayConnection c = s.connection();
            if (c != null) {
                c.send("{\"op\":7,\"d\":null}", 7, null, null);
                c.reconnectRequested(System.nanoTime());
            }
        }
    }

    public void triggerInvalidSession(int shard, boolean resumable) {
        for (GatewaySession s : forShard(shard)) {
            if (!resumable) {
                s.invalidate();
                sessions.remove(s.id());
            }
            send(s, "{\"op\":9,\"d\":" + resumable + "}", 9);
        }
        signal();
    }

    public void dropConnections(int shard) {
        for (GatewaySession s : forShard(shard)) {
            GatewayConnection c = s.connection();
            if (c != null) {
                c.disconnect();
            }
        }
    }

    private static void send(GatewaySession s, String frame, int op) {
        GatewayConnection c = s.connection();
        if (c != null) {
            c.send(frame, op, null, null);
        }
    }

    private List<GatewaySession> forShard(int shard) {
        return sessions.values().stream().filter(s -> s.shard() == shard).toList();
    }

    public List<SessionInfo> sessions() {
        List<SessionInfo> out = new ArrayList<>();
        for (GatewaySession s : sessions.values()) {
            out.add(new SessionInfo(s.id(), s.shard(), s.total(), s.connected(), s.seq(), s.resumes()));
        }
        return out;
    }

    public List<SessionInfo> connectedSessions() {
        return sessions().stream().filter(SessionInfo::connected).toList();
    }

    /** Waits until at least {@code count} sessions are connected; throws AssertionError on timeout. */
    public List<SessionInfo> awaitSessions(int count, Duration timeout) {
        return awaitCondition(() -> connectedSessions().size() >= count, timeout,
                "expected " + count + " connected gateway sessions");
    }

    /** Waits until {@code condition} holds, re-checking on each session change and every 50 ms. */
    public List<SessionInfo> awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(what + " within " + timeout + "; sessions now: " + sessions());
                }
                try {
                    changed.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting: " + what, e);
                }
            }
        }
        return connectedSessions();
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }
}
