package io.guildflow.testkit;

import io.guildflow.testkit.model.Snowflakes;
import java.time.Clock;

/** Configures a {@link DiscordEmulator}. Every setting has a default; {@link #build()} does not start it. */
public final class DiscordEmulatorBuilder {
    String token = "emulated-bot-token";
    long applicationId = 1_234_567_890_123_456_789L;
    String botName = "guildflow-bot";
    int guilds = 1;
    int usersPerGuild = 3;
    int shards = 1;
    int maxConcurrency = 1;
    int sessionStartTotal = 1000;
    int sessionStartsRemaining = -1;
    String host = "127.0.0.1";
    int port = 0;
    int globalRateLimit = 50;
    boolean routeRateLimits = true;
    Clock clock = Clock.systemUTC();
    int recordingLimit = 100_000;
    int resumeBuffer = 10_000;
    int interactionLimit = 200_000;
    java.util.List<String> commands = java.util.List.of();
    java.time.Duration heartbeatInterval = java.time.Duration.ofMillis(41_250);
    java.time.Duration reconnectGrace = java.time.Duration.ofSeconds(5);
    long privilegedIntents;
    int invalidRequestLimit = 10_000;

    DiscordEmulatorBuilder() {}

    /** The bot token IDENTIFY and {@code Authorization: Bot <token>} must carry. */
    public DiscordEmulatorBuilder token(String token) {
        this.token = token;
        return this;
    }

    /** The application id, which is also the bot user's id. */
    public DiscordEmulatorBuilder applicationId(String applicationId) {
        this.applicationId = Snowflakes.parse(applicationId);
        return this;
    }

    public DiscordEmulatorBuilder botName(String botName) {
        this.botName = botName;
        return this;
    }

    /** Number of guilds; guild i lands on shard {@code i % shards} for any shard count from 1 to 8. */
    public DiscordEmulatorBuilder guilds(int guilds) {
        this.guilds = guilds;
        return this;
    }

    public DiscordEmulatorBuilder usersPerGuild(int usersPerGuild) {
        this.usersPerGuild = usersPerGuild;
        return this;
    }

    /** Shard count recommended by {@code GET /gateway/bot}. */
    public DiscordEmulatorBuilder shards(int shards) {
        this.shards = shards;
        return this;
    }

    /** {@code session_start_limit.max_concurrency} of {@code GET /gateway/bot}. */
    public DiscordEmulatorBuilder maxConcurrency(int maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
        return this;
    }

    /** {@code session_start_limit.total}: session starts (accepted IDENTIFYs) allowed per day. Default 1,000. */
    public DiscordEmulatorBuilder sessionStartLimit(int total) {
        this.sessionStartTotal = total;
        return this;
    }

    /**
     * {@code session_start_limit.remaining} at start (default: the total; at most the total); 0 starts with an exhausted budget, so
     * every IDENTIFY is refused with Invalid Session until the daily reset.
     */
    public DiscordEmulatorBuilder sessionStartsRemaining(int remaining) {
        this.sessionStartsRemaining = remaining;
        return this;
    }

    public DiscordEmulatorBuilder host(String host) {
        this.host = host;
        return this;
    }

    /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
    public DiscordEmulatorBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** Global requests per second for bot routes; 0 or negative disables the global limit. Default 50. */
    public DiscordEmulatorBuilder globalRateLimit(int perSecond) {
        this.globalRateLimit = perSecond;
        return this;
    }

    /** Per-route buckets (e.g. 5 messages per 5 s per channel); on by default. */
    public DiscordEmulatorBuilder routeRateLimits(boolean enabled) {
        this.routeRateLimits = enabled;
        return this;
    }

    /** Clock for deadlines and rate limits; pass a {@link TestClock} to age tokens without sleeping. */
    public DiscordEmulatorBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Maximum REST calls and gateway frames kept, each (oldest dropped first). Default 100,000. */
    public DiscordEmulatorBuilder recordingLimit(int limit) {
        this.recordingLimit = limit;
        return this;
    }

    /** Dispatches kept per session for RESUME. */
    public DiscordEmulatorBuilder resumeBuffer(int dispatches) {
        this.resumeBuffer = dispatches;
        return this;
    }

    /** Interactions remembered (oldest forgotten first). Default 200,000. */
    public DiscordEmulatorBuilder interactionLimit(int interactions) {
        this.interactionLimit = interactions;
        return this;
    }

    /**
     * Global slash commands registered before the bot connects (as its own {@code setup} would). Discord dispatches
     * only registered commands, so a test triggers only these, or registers more with
     * {@code emu.registerGlobalCommand} / {@code registerGuildCommand}.
     */
    public DiscordEmulatorBuilder commands(String... names) {
        this.commands = java.util.List.of(names);
        return this;
    }

    /**
     * {@code heartbeat_interval} of HELLO (default 41.25 s, as Discord). A connection without a heartbeat for 1.5
     * intervals is closed with 4009; a short interval lets a test see that quickly.
     */
    public DiscordEmulatorBuilder heartbeatInterval(java.time.Duration interval) {
        this.heartbeatInterval = interval;
        return this;
    }

    /** How long a client may keep a connection after RECONNECT (op 7) before it is closed (4000). Default 5 s. */
    public DiscordEmulatorBuilder reconnectGrace(java.time.Duration grace) {
        this.reconnectGrace = grace;
        return this;
    }

    /**
     * Privileged intents the application is allowed (the Developer Portal toggles): any of
     * {@code Intents.GUILD_MEMBERS}, {@code GUILD_PRESENCES}, {@code MESSAGE_CONTENT}, or'ed. Default none, like a
     * new application: an IDENTIFY asking for another is closed with 4014.
     */
    public DiscordEmulatorBuilder privilegedIntents(long intents) {
        this.privilegedIntents = intents;
        return this;
    }

    /**
     * Answers of 401, 403 or 429 within 10 minutes that get the client banned (Cloudflare 429 on every route for
     * 10 minutes). Default 10,000 as on Discord; a test lowers it to reach the ban quickly.
     */
    public DiscordEmulatorBuilder invalidRequestLimit(int answers) {
        this.invalidRequestLimit = answers;
        return this;
    }

    public DiscordEmulator build() {
        if (guilds < 0 || usersPerGuild < 1 || shards < 1 || maxConcurrency < 1 || interactionLimit < 1
                || sessionStartTotal < 1 || sessionStartsRemaining < -1 || heartbeatInterval.toMillis() < 1
                || reconnectGrace.isNegative() || invalidRequestLimit < 1 || (privilegedIntents & ~io.guildflow.testkit.gateway.Intents.PRIVILEGED) != 0) {
            throw new IllegalArgumentException("guilds >= 0, usersPerGuild >= 1, shards >= 1, maxConcurrency >= 1,"
                    + " interactionLimit >= 1, sessionStartLimit >= 1, sessionStartsRemaining >= 0,"
                    + " heartbeatInterval >= 1 ms, reconnectGrace >= 0, privilegedIntents only privileged bits");
        }
        return new DiscordEmulator(this);
    }
}
