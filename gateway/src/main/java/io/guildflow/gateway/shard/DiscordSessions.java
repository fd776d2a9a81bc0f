package io.guildflow.gateway.shard;

import io.guildflow.common.discord.DiscordSettings;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.ChunkingFilter;
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

    /**
     * @param discord   as what (the bot token, required here) and where Discord's REST API is
     * @param shards    which shards, and where their WebSocket connects
     * @param leases    IDENTIFY pacing shared with every other gateway of the bot
     * @param intents   exactly what the event handlers need (docs/architecture.md, the event path); none for a bot
     *                  with interactions only
     * @param listeners receive JDA events, including raw dispatches and each event's raw payload
     */
    public static DiscordSessions start(DiscordSettings discord, ShardSettings shards, IdentifyLeases leases,
                                        Set<GatewayIntent> intents, Object... listeners) {
        URI apiUrl = discord.apiUrl();
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder
                // Interactions arrive without any intent. JDA always adds GUILDS (bit 0), which brings the
                // guild joins and removals (GUILD_CREATE/GUILD_DELETE) for lifecycle events; the rest is what the
                // event handlers need. Whatever the intents, JDA keeps no message or member: every optional cache
                // is off and no member list is requested (chunking off), so memory does not grow with traffic.
                .createLight(discord.requireToken("the gateway").reveal(),
                        intents.isEmpty() ? EnumSet.noneOf(GatewayIntent.class) : EnumSet.copyOf(intents))
                .disableCache(EnumSet.allOf(CacheFlag.class))
                .setMemberCachePolicy(MemberCachePolicy.NONE)
                .setChunkingFilter(ChunkingFilter.NONE)
                .setRestConfig(new RestConfig().setBaseUrl(apiUrl.toString().replaceAll("/+$", "") + "/"))
                .setCompression(Compression.NONE)
                .setRawEventsEnabled(true)
                .setEventPassthrough(true)
                .setSessionController(new PacedSessionController(shards.gatewayUrl().map(URI::toString), leases))
                .addEventListeners(listeners)
                .addEventListeners(new ForwardOnlyDispatches());
        shards.shardCount().ifPresent(builder::setShardsTotal);
        shards.shardIds().ids().ifPresent(builder::setShards);
        try {
            return new DiscordSessions(builder.build(), shards.shardIds());
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
