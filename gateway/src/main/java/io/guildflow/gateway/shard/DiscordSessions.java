package io.guildflow.gateway.shard;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.cache.CacheFlag;

/**
 * The Discord connection: JDA's shard manager, configured to forward and nothing else. Caches
 * are off (the gateway never reads guild state), so memory stays flat with the guild count.
 */
public final class DiscordSessions implements AutoCloseable {
    private final ShardManager shards;

    private DiscordSessions(ShardManager shards) {
        this.shards = shards;
    }

    /**
     * @param apiUrl       REST base, e.g. {@code https://discord.com/api/v10}
     * @param gatewayUrl   overrides the gateway URL Discord advertises
     * @param shardCount   total shards; empty takes Discord's recommendation
     * @param listeners    receive JDA events, including raw dispatches and each event's raw payload
     */
    public static DiscordSessions start(String token, URI apiUrl, Optional<URI> gatewayUrl, OptionalInt shardCount,
                                        Object... listeners) {
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder
                // Interactions arrive without any intent. JDA always adds GUILDS (bit 0), which brings the
                // guild joins and removals (GUILD_CREATE/GUILD_DELETE) for lifecycle events; nothing else:
                // no members, presences or messages.
                .createLight(token, EnumSet.noneOf(GatewayIntent.class))
                .disableCache(EnumSet.allOf(CacheFlag.class))
                .setMemberCachePolicy(MemberCachePolicy.NONE)
                .setRestConfig(new RestConfig().setBaseUrl(apiUrl.toString().replaceAll("/+$", "") + "/"))
                .setCompression(Compression.NONE)
                .setRawEventsEnabled(true)
                .setEventPassthrough(true)
                .addEventListeners(listeners);
        gatewayUrl.ifPresent(url -> builder.setSessionController(new GatewayUrlOverride(url)));
        shardCount.ifPresent(builder::setShardsTotal);
        try {
            return new DiscordSessions(builder.build());
        } catch (InvalidTokenException e) {
            throw new DiscordLoginException("Discord at " + apiUrl + " refused the bot token: check DISCORD_TOKEN", e);
        } catch (RuntimeException e) {
            throw new DiscordLoginException("cannot log in to Discord at " + apiUrl + " (DISCORD_API_URL): "
                    + rootCause(e), e);
        }
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    public ShardStatus status() {
        int queued = shards.getShardsQueued();
        int total = shards.getShardsTotal();
        int started = 0;
        int connected = 0;
        for (JDA shard : shards.getShards()) {
            started++;
            if (shard.getStatus() == JDA.Status.CONNECTED) {
                connected++;
            }
        }
        return new ShardStatus(connected, started, queued, total);
    }

    /** Closes every session and waits, at most {@code timeout}, until JDA let go of them. */
    public void close(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        List<JDA> sessions = List.copyOf(shards.getShards());
        shards.shutdown();
        for (JDA session : sessions) {
            session.awaitShutdown(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
        }
    }

    @Override
    public void close() {
        shards.shutdown();
    }
}
