package io.guildflow.common.discord.governor;

/**
 * How one process's governor shares its budget with the other processes of its environment.
 * Calls come from inside the governor's lock, so implementations hand anything slow (network) to
 * a thread of their own; what other processes say arrives through {@link RestGovernor}'s
 * {@code remote*} methods.
 */
interface ClusterLink extends AutoCloseable {

    /** This process's part of a global limit of {@code limit} requests per second. */
    int globalShare(int limit);

    /**
     * Milliseconds until {@link #globalShare} may give more than now (a process turning active waits for the others
     * first); {@link Long#MAX_VALUE} when nothing is pending. A request waiting for the window asks again then.
     */
    default long shareMayGrowIn() {
        return Long.MAX_VALUE;
    }

    /** Live processes sharing the budget, this one included, as last known. */
    int processes();

    /** A route's bucket hash and limit, learned from Discord's headers. */
    void learned(String route, String hash, int limit);

    /** Nothing may go on {@code bucketId} ({@link RestGovernor#GLOBAL} for all) before {@code until}. */
    void blocked(String bucketId, long until);

    /** This process's invalid requests in {@code minute} so far. */
    void invalid(long minute, int count);

    @Override
    void close();

    /** One process alone: the whole budget is its own. */
    static ClusterLink alone() {
        return new ClusterLink() {
            @Override
            public int globalShare(int limit) {
                return limit;
            }

            @Override
            public int processes() {
                return 1;
            }

            @Override
            public void learned(String route, String hash, int limit) {
            }

            @Override
            public void blocked(String bucketId, long until) {
            }

            @Override
            public void invalid(long minute, int count) {
            }

            @Override
            public void close() {
            }
        };
    }
}
