package io.guildflow.testkit.gateway;

/** Public view of a gateway session. */
public record SessionInfo(String sessionId, int shard, int shardTotal, boolean connected, long sequence, int resumes) {}
