package io.guildflow.testkit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Snowflakes;
import io.guildflow.testkit.model.World;
import io.guildflow.testkit.recording.IdentifyRecord;
import io.guildflow.testkit.recording.Recorder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Gateway logic: identify, resume, heartbeats, dispatch by shard, server-side triggers. */
public final class GatewayHub {
    private static final long ABANDONED_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
    private final World world;
    private final String token;
    private final Recorder recorder;
    private final Clock clock;
    private final int bufferLimit;
    private final IdentifyLimiter identifyLimits;
    private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();
    private final Object changed = new Object();
    private volatile String resumeUrl = "";

    public GatewayHub(
            World world, String token, Recorder recorder, Clock clock, int bufferLimit, IdentifyLimiter identifyLimits) {
        this.world = world;
        this.identifyLimits = identifyLimits;
        this.token = token;
        this.recorder = recorder;
        this.clock = clock;
        this.bufferLimit = bufferLimit;
    }

    /** A new connection listener for the Jetty WebSocket creator. */
    public Object newConnection() {
        return new GatewayConnection(this);
    }

    public void setResumeUrl(String url) {
        this.resumeUrl = url;
    }

    public IdentifyLimiter identifyLimits() {
        return identifyLimits;
    }

    Recorder recorder() {
        return recorder;
    }

    Clock clock() {
        return clock;
    }

    void onFrame(GatewayConnection c, int op, JsonNode d) {
        switch (op) {
            case 1 -> c.send("{\"op\":11}", 11, null, null);
            case 2 -> identify(c, d);
            case 6 -> resume(c, d);
            case 8 -> requestGuildMembers(c, d);
            case 3, 4, 31 -> {
                // presence update, voice state update, request soundboard sounds: accepted, not modelled
            }
            default -> c.close(4001, "Unknown opcode.");
        }
    }

    private boolean tokenMatches(JsonNode d) {
        String given = d.path("token").asText("");
        if (given.startsWith("Bot ")) {
            given = given.substring(4);
        }
        return token.equals(given);
    }

    private void identify(GatewayConnection c, JsonNode d) {
        if (!tokenMatches(d)) {
            c.close(4004, "Authentication failed.");
            return;
        }
        if (c.session() != null) {
            c.close(4005, "Already authenticated.");
            return;
        }
        int shard = 0;
        int total = 1;
        if (d.path("shard").isArray() && d.path("shard").size() == 2) {
            shard = d.path("shard").get(0).asInt();
            total = d.path("shard").get(1).asInt();
        }
        if (total < 1 || shard < 0 || shard >= total) {
            c.close(4010, "Invalid shard.");
            return;
        }
        if (identifyLimits.identify(shard, total) != IdentifyRecord.Outcome.ACCEPTED) {
            // gateway docs, "Rate Limiting": over the identify limit the gateway answers Invalid Session
            c.send("{\"op\":9,\"d\":false}", 9, null, null);
            return;
        }
        // Discord forgets sessions nobody resumed for a while; so do we, to bound memory in long runs
        sessions.values().removeIf(old -> old.abandonedFor(ABANDONED_NANOS));
        GatewaySession session = new GatewaySession(UUID.randomUUID().toString().replace("-", ""), shard, total,
                bufferLimit, d.path("intents").asLong(0));
        final int s = shard;
        final int n = total;
        List<GuildState> guilds = world.guilds().stream()
                .filter(g -> Snowflakes.shardOf(g.id(), n) == s)
                .toList();
        synchronized (session) {
            session.attach(c);
            sessions.put(session.id(), session);
            session.dispatch("READY", Json.write(
                    GatewayPayloads.ready(world, session.id(), resumeUrl, shard, total, guilds)));
            for (GuildState g : guilds) {
                // Guild Create docs: guilds unavailable due to an outage send a Guild Delete instead
                session.dispatch(g.available() ? "GUILD_CREATE" : "GUILD_DELETE", Json.write(g.available()
                        ? GatewayPayloads.guildCreate(world, g, clock.instant()) : unavailableGuild(g.id(), true)));
            }
        }
        signal();
    }

    private void resume(GatewayConnection c, JsonNode d) {
        if (!tokenMatches(d)) {
            c.close(4004, "Authentication failed.");
            return;
        }
        GatewaySession session = sessions.get(d.path("session_id").asText(""));
        if (session == null || !session.resume(c, d.path("seq").asLong(0))) {
            c.send("{\"op\":9,\"d\":false}", 9, null, null);
        }
        signal();
    }

    /** Answers op 8 with one GUILD_MEMBERS_CHUNK holding every member (the bot included). */
    private void requestGuildMembers(GatewayConnection c, JsonNode d) {
        GatewaySession session = c.session();
        if (session == null) {
            c.close(4003, "Not authenticated.");
            return;
        }
        List<String> ids = new ArrayList<>();
        if (d.path("guild_id").isArray()) {
            d.path("guild_id").forEach(n -> ids.add(n.asText()));
        } else {
            ids.add(d.path("guild_id").asText());
        }
        for (String id : ids) {
            world.guilds().stream().filter(g -> g.idString().equals(id)).findFirst().ifPresent(g -> {
                com.fasterxml.jackson.databind.node.ObjectNode chunk = Json.object();
                chunk.put("guild_id", g.idString());
                chunk.set("members", GatewayPayloads.members(world, g));
                chunk.put("chunk_index", 0);
                chunk.put("chunk_count", 1);
                chunk.putArray("not_found");
                if (d.hasNonNull("nonce")) {
                    chunk.put("nonce", d.get("nonce").asText());
                }
                session.dispatch("GUILD_MEMBERS_CHUNK", Json.write(chunk));
            });
        }
    }

    void onClose(GatewayConnection c, int code) {
        GatewaySession session = c.session();
        if (session != null) {
            session.detach(c);
            if (code == 1000 || code == 1001) {
                // Discord invalidates a session whose client closes normally
                session.invalidate();
                sessions.remove(session.id());
            }
        }
        signal();
    }

    /** Sends a dispatch to every session of the guild's shard (guildId null: shard 0). Returns sessions reached. */
    public int dispatch(Long guildId, String t, JsonNode d) {
        return dispatch(guildId, t, d, 0);
    }

    /** Like {@link #dispatch(Long, String, JsonNode)}, only to sessions that identified with one of the intents. */
    public int dispatch(Long guildId, String t, JsonNode d, long intents) {
        String json = null;
        int reached = 0;
        for (GatewaySession s : sessions.values()) {
            int target = guildId == null ? 0 : Snowflakes.shardOf(guildId, s.total());
            if (target == s.shard() && s.wants(intents)) {
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
        dispatch(g.id(), "GUILD_CREATE", GatewayPayloads.guildCreate(world, g, clock.instant()), Intents.GUILDS);
    }

    /** GUILD_DELETE to the guild's shard: an outage ({@code unavailable}) or the bot left or was removed. */
    public void guildDelete(long guildId, boolean unavailable) {
        dispatch(guildId, "GUILD_DELETE", unavailableGuild(guildId, unavailable), Intents.GUILDS);
    }

    /** Discord's unavailable guild object; without {@code unavailable} it means the bot was removed. */
    private static com.fasterxml.jackson.databind.node.ObjectNode unavailableGuild(long guildId, boolean unavailable) {
        com.fasterxml.jackson.databind.node.ObjectNode d = Json.object().put("id", Json.id(guildId));
        if (unavailable) {
            d.put("unavailable", true);
        }
        return d;
    }

    public void triggerReconnect(int shard) {
        forShard(shard).forEach(s -> send(s, "{\"op\":7,\"d\":null}", 7));
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
