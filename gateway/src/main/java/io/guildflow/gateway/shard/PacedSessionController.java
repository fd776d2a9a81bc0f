package io.guildflow.gateway.shard;

import io.guildflow.common.DaemonThreads;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts JDA's shard sessions under Discord's IDENTIFY rule across processes: sessions of one
 * rate-limit bucket ({@code shard id % max_concurrency}) connect one after another in this process,
 * each only with the bucket's lease from {@link IdentifyLeases}, which other gateways of the same
 * bot respect too. Buckets proceed in parallel. Also keeps Discord's shard recommendation
 * ({@code GET gateway/bot}) while connecting to {@code DISCORD_GATEWAY_URL} when that is set.
 */
final class PacedSessionController extends SessionControllerAdapter {
    private static final Logger log = LoggerFactory.getLogger(PacedSessionController.class);

    private final Optional<String> gatewayUrl;
    private final IdentifyLeases leases;
    private final ConcurrentHashMap<Integer, ExecutorService> buckets = new ConcurrentHashMap<>();
    private final Set<SessionConnectNode> removed = ConcurrentHashMap.newKeySet();
    private volatile int concurrency = 1;

    PacedSessionController(Optional<String> gatewayUrl, IdentifyLeases leases) {
        this.gatewayUrl = gatewayUrl;
        this.leases = leases;
    }

    @Override
    public void setConcurrency(int level) {
        concurrency = Math.max(1, level);
    }

    @Override
    public String getGateway() {
        return gatewayUrl.orElseGet(super::getGateway);
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        ShardedGateway recommended = super.getShardedGateway(api);
        return gatewayUrl.map(url -> new ShardedGateway(url, recommended.getShardTotal(), recommended.getConcurrency()))
                .orElse(recommended);
    }

    @Override
    public void appendSession(SessionConnectNode node) {
        removed.remove(node);
        int bucket = node.getShardInfo().getShardId() % concurrency;
        buckets.computeIfAbsent(bucket, PacedSessionController::bucketThread).execute(() -> connect(bucket, node));
    }

    @Override
    public void removeSession(SessionConnectNode node) {
        removed.add(node); // JDA shut the shard down before its turn came
    }

    private void connect(int bucket, SessionConnectNode node) {
        if (removed.remove(node)) {
            return;
        }
        try {
            leases.acquire(bucket);
            try {
                node.run(false); // returns once the session's IDENTIFY (or RESUME) went out
            } finally {
                leases.identified(bucket);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("shard {} could not start its session", node.getShardInfo().getShardId(), e);
        }
    }

    private static ExecutorService bucketThread(int bucket) {
        return Executors.newSingleThreadExecutor(DaemonThreads.named("gf-identify-bucket-" + bucket));
    }
}
