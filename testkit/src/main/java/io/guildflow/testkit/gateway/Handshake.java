package io.guildflow.testkit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Snowflakes;
import io.guildflow.testkit.model.World;
import io.guildflow.testkit.recording.IdentifyRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a client sends to start or continue a session: IDENTIFY, RESUME, and member requests (op 8). */
final class Handshake {
    private static final String INVALID_SESSION = "{\"op\":9,\"d\":false}";
    private final GatewayHub hub;
    private final World world;
    private final String token;
    private final Clock clock;
    private final IdentifyLimiter limits;
    private final GatewayRules rules;
    private final int bufferLimit;

    Handshake(GatewayHub hub, World world, String token, Clock clock, IdentifyLimiter limits, GatewayRules rules,
            int bufferLimit) {
        this.hub = hub;
        this.world = world;
        this.token = token;
        this.clock = clock;
        this.limits = limits;
        this.rules = rules;
        this.bufferLimit = bufferLimit;
    }

    private boolean tokenMatches(JsonNode d) {
        String given = d.path("token").asText("");
        if (given.startsWith("Bot ")) {
            given = given.substring(4);
        }
        return token.equals(given);
    }

    void identify(GatewayConnection c, JsonNode d) {
        if (!tokenMatches(d)) {
            c.close(4004, "Authentication failed.");
            return;
        }
        if (c.session() != null) {
            c.close(4005, "Already authenticated.");
            return;
        }
        if (c.resumeOnly()) {
            // the resume_gateway_url is for RESUME; a new session starts at the URL of GET /gateway/bot
            c.send(INVALID_SESSION, 9, null, null);
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
        JsonNode intentsField = d.get("intents");
        long intents = intentsField != null && intentsField.canConvertToLong() ? intentsField.asLong() : -1;
        if (intents < 0 || (intents & ~Intents.ALL) != 0) {
            c.close(4013, "Invalid intent(s).");
            return;
        }
        if ((intents & Intents.PRIVILEGED & ~rules.privilegedIntents()) != 0) {
            c.close(4014, "Disallowed intent(s).");
            return;
        }
        if (limits.identify(shard, total) != IdentifyRecord.Outcome.ACCEPTED) {
            // gateway docs, "Rate Limiting": over the identify limit the gateway answers Invalid Session
            c.send(INVALID_SESSION, 9, null, null);
            return;
        }
        GatewaySession session = new GatewaySession(UUID.randomUUID().toString().replace("-", ""), shard, total,
                bufferLimit, intents);
        final int s = shard;
        final int n = total;
        List<GuildState> guilds = world.guilds().stream().filter(g -> Snowflakes.shardOf(g.id(), n) == s).toList();
        synchronized (session) {
            session.attach(c);
            hub.register(session);
            session.dispatch("READY", Json.write(
                    GatewayPayloads.ready(world, session.id(), hub.resumeUrl(), shard, total, guilds)));
            if (session.has(Intents.GUILDS)) {
                boolean allMembers = session.has(Intents.GUILD_PRESENCES);
                for (GuildState g : guilds) {
                    // Guild Create docs: guilds unavailable due to an outage send a Guild Delete instead
                    session.dispatch(g.available() ? "GUILD_CREATE" : "GUILD_DELETE", Json.write(g.available()
                            ? GatewayPayloads.guildCreate(world, g, clock.instant(), allMembers)
                            : GatewayPayloads.unavailableGuild(g.id(), true)));
                }
            }
        }
    }

    void resume(GatewayConnection c, JsonNode d) {
        if (!tokenMatches(d)) {
            c.close(4004, "Authentication failed.");
            return;
        }
        GatewaySession session = hub.session(d.path("session_id").asText(""));
        // a RESUME belongs on the resume_gateway_url of READY (gateway docs, "Resuming")
        if (!c.resumeOnly() || session == null || !session.resume(c, d.path("seq").asLong(0))) {
            c.send(INVALID_SESSION, 9, null, null);
        }
    }

    /**
     * Op 8 (gateway events, "Request Guild Members"): by user ids or a name prefix (at most 100 members), or the whole
     * list ({@code query ""}, {@code limit 0}), which needs the GUILD_MEMBERS intent and is otherwise not answered.
     */
    void requestGuildMembers(GatewayConnection c, JsonNode d) {
        GatewaySession session = c.session();
        if (session == null) {
            c.close(4003, "Not authenticated.");
            return;
        }
        String guildId = d.path("guild_id").asText();
        GuildState g = world.guilds().stream().filter(x -> x.idString().equals(guildId)).findFirst().orElse(null);
        if (g == null) {
            return;
        }
        List<EmulatedUser> everyone = new ArrayList<>();
        everyone.add(world.bot());
        everyone.addAll(g.members());
        List<EmulatedUser> wanted = new ArrayList<>();
        ArrayNode notFound = Json.array();
        if (d.path("user_ids").isArray() || d.path("user_ids").isTextual()) {
            List<String> ids = new ArrayList<>();
            if (d.get("user_ids").isArray()) {
                d.get("user_ids").forEach(n -> ids.add(n.asText()));
            } else {
                ids.add(d.get("user_ids").asText());
            }
            for (String id : ids.subList(0, Math.min(100, ids.size()))) {
                everyone.stream().filter(u -> u.id().equals(id)).findFirst()
                        .ifPresentOrElse(wanted::add, () -> notFound.add(id));
            }
        } else {
            String query = d.path("query").asText("");
            if (query.isEmpty() && !session.has(Intents.GUILD_MEMBERS)) {
                return;
            }
            int limit = d.path("limit").asInt(0);
            int max = query.isEmpty() ? (limit == 0 ? Integer.MAX_VALUE : limit) : Math.min(100, limit == 0 ? 100 : limit);
            everyone.stream().filter(u -> u.username().startsWith(query)).limit(max).forEach(wanted::add);
        }
        ObjectNode chunk = Json.object();
        chunk.put("guild_id", g.idString());
        chunk.set("members", GatewayPayloads.members(world, g, wanted));
        chunk.put("chunk_index", 0);
        chunk.put("chunk_count", 1);
        chunk.set("not_found", notFound);
        if (d.hasNonNull("nonce")) {
            chunk.put("nonce", d.get("nonce").asText());
        }
        session.dispatch("GUILD_MEMBERS_CHUNK", Json.write(chunk));
    }
}
