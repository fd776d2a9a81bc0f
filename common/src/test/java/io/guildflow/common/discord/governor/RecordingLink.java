package io.guildflow.common.discord.governor;

import java.util.ArrayList;
import java.util.List;

/** A {@link ClusterLink} for unit tests: a fixed number of processes, and what was shared. */
final class RecordingLink implements ClusterLink {
    final List<String> shared = new ArrayList<>();
    int processes;

    RecordingLink(int processes) {
        this.processes = processes;
    }

    @Override
    public int globalShare(int limit) {
        return limit / processes;
    }

    @Override
    public int processes() {
        return processes;
    }

    @Override
    public void learned(String route, String hash, int limit) {
        shared.add("learned " + route + " " + hash + " " + limit);
    }

    @Override
    public void blocked(String bucketId, long until) {
        shared.add("blocked " + bucketId + " " + until);
    }

    @Override
    public void invalid(long minute, int count) {
        shared.add("invalid " + minute + " " + count);
    }

    @Override
    public void close() {
    }
}
