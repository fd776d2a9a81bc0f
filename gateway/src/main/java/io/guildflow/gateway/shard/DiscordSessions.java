package io.guildflow.gateway.shard;

import io.guildflow.common.config.ShardIds;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
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
 * The Discord connection: JDA's shard manager for the shards this gateway owns, configured to
 * forward and nothing else. Every optional cache is off (the gateway never reads guild state);
 * what remains is JDA's own record of each guild (docs/performance.md).
 */
public final class DiscordSessions implements AutoCloseable {
    private final ShardManager shards;
    private final ShardIds owned;

    private DiscordSessions(ShardManager shards, ShardIds owned) {
        this.shards = shards;
        this.owned = owned;
    }

    /** Where and as what to connect. */
    public record Settings(String token, URI apiUrl, Optional<URI> gatewayUrl, OptionalInt shardCount,
                           ShardIds shardIds) {
        @Override
        public String toString() {
            return "DiscordSessions.Settings[apiUrl=" + apiUrl + ", shards=" + shardIds.describe() + "]";
        }
    }

    /**
     * @param leases    IDENTIFY pacing shared with every other gateway of the bot
     * @param listeners receive JDA events, including raw dispatches and each event's raw payload
     */
    public static DiscordSessions start(Settings settings, IdentifyLeases leases, Object... listeners) {
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder
                // Interactions arrive without any intent. JDA always adds GUILDS (bit 0), which brings the
                // guild joins and removals (GUILD_CREATE/GUILD_DELETE) for lifecycle events; nothing else:
                // no members, presences or messages.
                .createLight(settings.token(), EnumSet.noneOf(GatewayIntent.class))
                .disableCache(EnumSet.allOf(CacheFlag.class))
                .setMemberCachePolicy(MemberCachePolicy.NONE)
                .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl().toString().replaceAll("/+$", "") + "/"))
                .setCompression(Compression.NONE)
                .setRawEventsEnabled(true)
                .setEventPassthrough(true)
                .setSessionController(new PacedSessionController(settings.gatewayUrl().map(URI::toString), leases))
                .addEventListeners(listeners)
                .addEventListeners(new ForwardOnlyInteractions());
        settings.shardCount().ifPresent(builder::setShardsTotal);
        settings.shardIds().ids().ifPresent(builder::setShards);
        try {
            return new DiscordSessions(builder.build(), settings.shardIds());
        } catch (InvalidTokenException e) {
            throw new DiscordLoginException("Discord at " + settings.apiUrl()
                    + " refused the bot token: check DISCORD_TOKEN", e);
        } catch (RuntimeException e) {
            throw new DiscordLoginException("cannot log in to Discord at " + settings.apiUrl() + " (DISCORD_API_URL): "
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
        Map<Integer, String> states = new HashMap<>();
        List<Integer> ids = owned.ids().orElseGet(() -> IntStream.range(0, shards.getShardsTotal()).boxed().toList());
        for (int id : ids) {
            JDA shard = shards.getShardById(id);
            states.put(id, shard == null ? ShardStatus.QUEUED : shard.getStatus().name().toLowerCase(Locale.ROOT));
        }
        return ShardStatus.of(states);
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
