package io.guildflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.gateway.GatewayHub;
import io.guildflow.testkit.gateway.SessionInfo;
import io.guildflow.testkit.gateway.SessionStartLimit;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Snowflakes;
import io.guildflow.testkit.recording.IdentifyRecord;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

/**
 * What a test does to the gateway side of Discord: sessions and their triggers, the IDENTIFY budget, and the guild
 * lifecycle (outage, join, leave). Inherited by {@link DiscordEmulator}, so tests call {@code emu.joinGuild()}.
 */
public abstract class GatewayControls extends GuildTriggers {

    GatewayControls(EmulatorCore core) {
        super(core);
    }

    private GatewayHub hub() {
        return core.hub();
    }

    /** Sends a raw dispatch to the sessions of the guild's shard (guildId null: shard 0). */
    public int dispatch(String guildId, String eventType, JsonNode data) {
        return hub().dispatch(guildId == null ? null : Snowflakes.parse(guildId), eventType, data);
    }

    public List<SessionInfo> sessions() {
        return hub().sessions();
    }

    public List<SessionInfo> connectedSessions() {
        return hub().connectedSessions();
    }

    /** Connected sessions of one shard. */
    public List<SessionInfo> readySessions(int shard) {
        return hub().connectedSessions().stream().filter(s -> s.shard() == shard).toList();
    }

    /** Waits until at least {@code count} gateway sessions are connected (AssertionError on timeout). */
    public List<SessionInfo> awaitSessions(int count, Duration timeout) {
        return hub().awaitSessions(count, timeout);
    }

    /** Waits until some session of {@code shard} has resumed at least {@code resumes} times in total. */
    public void awaitResumed(int shard, int resumes, Duration timeout) {
        hub().awaitCondition(() -> hub().connectedSessions().stream()
                .filter(s -> s.shard() == shard).mapToInt(SessionInfo::resumes).sum() >= resumes,
                timeout, "expected " + resumes + " resumes on shard " + shard);
    }

    /** Waits until {@code condition} holds (re-checked on gateway changes and every 50 ms); AssertionError on timeout. */
    public void awaitCondition(BooleanSupplier condition, Duration timeout) {
        hub().awaitCondition(condition, timeout, "condition not met");
    }

    /** Sends RECONNECT (op 7) to every session of the shard. */
    public void triggerReconnect(int shard) {
        hub().triggerReconnect(shard);
    }

    /** Sends INVALID_SESSION (op 9); when not resumable the sessions are forgotten and RESUME fails. */
    public void triggerInvalidSession(int shard, boolean resumable) {
        hub().triggerInvalidSession(shard, resumable);
    }

    /** Drops the TCP connections of the shard's sessions without a close frame; sessions stay resumable. */
    public void dropConnections(int shard) {
        hub().dropConnections(shard);
    }

    // ---- session starts ----

    /** Every IDENTIFY with a valid token and shard, in arrival order, with its bucket and outcome. */
    public List<IdentifyRecord> identifies() {
        return hub().identifyLimits().records();
    }

    /** What {@code GET /gateway/bot} reports as {@code session_start_limit} now. */
    public SessionStartLimit sessionStartLimit() {
        return hub().identifyLimits().snapshot();
    }

    /** Uses up today's session starts: every further IDENTIFY gets Invalid Session until the daily reset. */
    public void exhaustSessionStarts() {
        hub().identifyLimits().exhaust();
    }

    // ---- guild lifecycle ----

    /** The bot joins a new guild after READY: GUILD_CREATE to its shard. Returns the new guild. */
    public EmulatedGuild joinGuild(String name) {
        GuildState g = core.world().join(name);
        hub().guildCreate(g);
        return g.snapshot();
    }

    /** The bot leaves (or is removed from) the guild: GUILD_DELETE without {@code unavailable}. */
    public void leaveGuild(EmulatedGuild guild) {
        long id = Snowflakes.parse(guild.id());
        if (!core.world().leave(id)) {
            throw new NoSuchElementException("the bot is not in guild " + guild.id());
        }
        hub().guildDelete(id, false);
    }

    /**
     * The guild goes down: GUILD_DELETE with {@code unavailable: true} now, and on later IDENTIFYs READY lists it
     * but a GUILD_DELETE replaces its GUILD_CREATE, until {@link #endGuildOutage}.
     */
    public void startGuildOutage(EmulatedGuild guild) {
        GuildState g = guildState(guild);
        g.setAvailable(false);
        hub().guildDelete(g.id(), true);
    }

    /** The guild is back: GUILD_CREATE with the full guild. */
    public void endGuildOutage(EmulatedGuild guild) {
        GuildState g = guildState(guild);
        g.setAvailable(true);
        hub().guildCreate(g);
    }
}
