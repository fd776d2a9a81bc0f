package io.guildflow.common.discord.governor;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The bot's Discord REST budget as this process sees it, shaped like Discord4J's rate limiting:
 * a router from route (template plus major parameter) to Discord's bucket (its hash, learned from
 * {@code X-RateLimit-Bucket}, plus the major parameter), one {@link RouteBucket} per bucket, a
 * {@link GlobalLimiter} for everything but interactions, and a {@link Breaker} on the invalid
 * requests. A {@link ClusterLink} shares all of it with the environment's other processes.
 *
 * <p>{@link #admit} never blocks: it answers "go" with a {@link Permit}, "wait this long" or
 * "shed"; the caller sleeps outside the lock, so an interaction is never queued behind an outbox
 * request, and reports the answer with {@link #answered} (or {@link #abandoned} when none came).
 * Times are epoch milliseconds from an injected clock: reset times cross process boundaries.
 */
public final class RestGovernor implements AutoCloseable {
    /** Bucket id meaning "every globally limited request" in {@link ClusterLink#blocked}. */
    static final String GLOBAL = "global";
    /** How long a shed request is told to wait before asking again. */
    static final long SHED_RETRY_MILLIS = 10_000;
    private static final int PRUNE_THRESHOLD = 1024;

    private final int globalLimit;
    private final Breaker breaker;
    private final ClusterLink link;
    private final LongSupplier clock;
    private final GlobalLimiter global;
    private final InvalidRequests invalid;
    private final GovernorStats stats = new GovernorStats();
    /** route -> Discord's bucket hash */
    private final Map<String, String> hashes = new HashMap<>();
    private final Map<String, Integer> limits = new HashMap<>();
    private final Map<String, RouteBucket> buckets = new HashMap<>();

    RestGovernor(int globalLimit, Breaker breaker, ClusterLink link, LongSupplier clock, String processId) {
        this.globalLimit = globalLimit;
        this.breaker = breaker;
        this.link = link;
        this.clock = clock;
        // Asking the link for a share would announce this process as sending; each admission asks it instead.
        this.global = new GlobalLimiter(1);
        this.invalid = new InvalidRequests(processId);
    }

    /** A governor for one process on its own (setup, tests): the whole budget, nothing shared. */
    static RestGovernor alone(int globalLimit, int breakerThreshold) {
        return new RestGovernor(globalLimit, new Breaker(breakerThreshold), ClusterLink.alone(),
                System::currentTimeMillis, UUID.randomUUID().toString());
    }

    /**
     * May a request on {@code route} (method and template) with major parameter {@code major} go now?
     */
    public synchronized Admission admit(String route, String major, Priority priority) {
        long now = clock.getAsLong();
        if (breaker.sheds(priority, invalid.total(now))) {
            stats.shed(priority);
            return Admission.shed(SHED_RETRY_MILLIS);
        }
        String id = bucketId(route, major);
        RouteBucket bucket = buckets.computeIfAbsent(id, k -> new RouteBucket());
        Integer sharedLimit = limits.get(route);
        if (sharedLimit != null) {
            bucket.known(sharedLimit);
        }
        long delay = bucket.delay(now);
        if (priority.globallyLimited()) {
            global.share(link.globalShare(globalLimit));
            long globalDelay = global.delay(now);
            if (globalDelay > 0) {
                // the window is counted at today's share: ask again as soon as the share may grow
                globalDelay = Math.min(globalDelay, Math.max(1, link.shareMayGrowIn()));
            }
            delay = Math.max(delay, globalDelay);
        }
        if (delay > 0) {
            return Admission.waitFor(delay);
        }
        bucket.take();
        if (priority.globallyLimited()) {
            global.take(now);
        }
        if (buckets.size() > PRUNE_THRESHOLD) {
            buckets.entrySet().removeIf(e -> e.getValue() != bucket && e.getValue().idle(now));
        }
        return Admission.go(new Permit(route, major, id, priority));
    }

    /**
     * Discord answered a permitted request.
     *
     * @param header           the answer's headers by name
     * @param retryAfterMillis on a 429, how long Discord asked us to wait (body or {@code Retry-After})
     */
    public synchronized void answered(Permit permit, int status, UnaryOperator<String> header, long retryAfterMillis) {
        long now = clock.getAsLong();
        RateLimitHeaders headers = RateLimitHeaders.read(header);
        RouteBucket bucket = release(permit);
        if (headers.bucket() != null && !headers.bucket().equals(hashes.get(permit.route()))) {
            hashes.put(permit.route(), headers.bucket());
            buckets.remove(permit.bucketId(), bucket);
            bucket = buckets.merge(bucketId(permit.route(), permit.major()), bucket, (old, moved) -> old);
            if (headers.limit() > 0) {
                limits.put(permit.route(), headers.limit());
                link.learned(permit.route(), headers.bucket(), headers.limit());
            }
        }
        String id = bucketId(permit.route(), permit.major());
        if (headers.known()) {
            bucket.learn(headers.limit(), headers.remaining(), now + headers.resetAfterMillis());
            if (headers.remaining() == 0 && headers.resetAfterMillis() > 0) {
                link.blocked(id, now + headers.resetAfterMillis()); // peers must not spend what is gone
            }
        }
        if (status == 429) {
            long until = now + Math.max(0, retryAfterMillis);
            stats.rateLimited(headers.global() ? "global" : headers.sharedScope() ? "shared" : "user");
            if (headers.global()) {
                global.blockUntil(until);
                link.blocked(GLOBAL, until);
            } else {
                bucket.blockUntil(until);
                link.blocked(id, until);
            }
        }
        if (status == 401 || status == 403 || (status == 429 && !headers.sharedScope())) {
            link.invalid(InvalidRequests.minute(now), invalid.add(now));
        }
    }

    /** No answer came (I/O error): the bucket is free for the next request. */
    public synchronized void abandoned(Permit permit) {
        release(permit);
    }

    /** A request waited {@code millis} for the budget (for the metrics). */
    public void waited(Priority priority, long millis) {
        stats.waited(priority, millis);
    }

    private RouteBucket release(Permit permit) {
        RouteBucket bucket = buckets.computeIfAbsent(permit.bucketId(), k -> new RouteBucket());
        bucket.done();
        return bucket;
    }

    // What other processes said (through the ClusterLink).

    synchronized void remoteLearned(String route, String hash, int limit) {
        hashes.putIfAbsent(route, hash);
        if (limit > 0) {
            limits.put(route, limit);
        }
    }

    synchronized void remoteBlocked(String bucketId, long until) {
        if (until <= clock.getAsLong()) {
            return;
        }
        if (GLOBAL.equals(bucketId)) {
            global.blockUntil(until);
        } else {
            buckets.computeIfAbsent(bucketId, k -> new RouteBucket()).blockUntil(until);
        }
    }

    synchronized void remoteInvalid(String process, long minute, int count) {
        invalid.merge(process, minute, count);
    }

    /** Publishes this governor's meters on {@code registry}; returns this. */
    public RestGovernor bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        GovernorMetrics.bind(this, registry);
        return this;
    }

    /** What the metrics read: one consistent view. */
    public synchronized Snapshot snapshot() {
        long now = clock.getAsLong();
        long invalidInWindow = invalid.total(now);
        return new Snapshot(global.used(now), global.share(), link.processes(), invalidInWindow,
                breaker.state(invalidInWindow));
    }

    GovernorStats stats() {
        return stats;
    }

    private String bucketId(String route, String major) {
        String hash = hashes.get(route);
        return hash == null ? route + "|" + major : hash + ":" + major;
    }

    @Override
    public void close() {
        link.close();
    }

    /**
     * @param globalUsed     globally limited requests this process sent in the last second
     * @param globalShare    this process's part of the global limit per second
     * @param processes      processes sharing the budget
     * @param invalidInWindow the cluster's invalid requests in the last ten minutes
     * @param breakerState   0 closed, 1 shedding the outbox, 2 shedding setup too
     */
    public record Snapshot(int globalUsed, int globalShare, int processes, long invalidInWindow, int breakerState) {
    }

    /** A request that may go; hand it back through {@link #answered} or {@link #abandoned}. */
    public record Permit(String route, String major, String bucketId, Priority priority) {
    }

    /** {@code permit} to go, or wait {@code waitMillis} (then ask again), or {@code shed}. */
    public record Admission(Permit permit, long waitMillis, boolean shed) {
        static Admission go(Permit permit) {
            return new Admission(permit, 0, false);
        }

        static Admission waitFor(long millis) {
            return new Admission(null, millis, false);
        }

        static Admission shed(long retryMillis) {
            return new Admission(null, retryMillis, true);
        }
    }
}
