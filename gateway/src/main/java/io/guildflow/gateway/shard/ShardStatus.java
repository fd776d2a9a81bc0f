package io.guildflow.gateway.shard;

/**
 * The shards at one instant: readiness and its detail come from the same snapshot, so a check
 * never says "ready" beside "1/2 shards connected".
 *
 * @param queued shards JDA has not started yet (waiting for the session start limit)
 */
public record ShardStatus(int connected, int started, int queued, int total) {

    /** Every expected shard exists and is connected; queued shards count as not connected. */
    public boolean allConnected() {
        return queued == 0 && started == total && connected == total;
    }

    public String describe() {
        return connected + "/" + total + " shards connected";
    }
}
