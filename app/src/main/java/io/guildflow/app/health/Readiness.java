package io.guildflow.app.health;

import io.guildflow.common.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A named, ordered set of readiness checks, evaluated on demand (per {@code /ready} request).
 *
 * <p>Checks run in parallel on a small daemon pool so one hanging dependency (a database that does
 * not answer) costs at most {@code checkTimeout} and cannot block the probe forever. A timed-out
 * check is interrupted and reported as failing. With no checks registered the runtime is ready.
 *
 * <p>Instance state only: each runtime in the JVM owns its own {@code Readiness}.
 */
public final class Readiness implements AutoCloseable {

    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
    private final Duration checkTimeout;
    private final AtomicBoolean everReady = new AtomicBoolean();
    private final ExecutorService pool;

    public Readiness() {
        this(DEFAULT_CHECK_TIMEOUT);
    }

    public Readiness(Duration checkTimeout) {
        if (checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new IllegalArgumentException("checkTimeout must be positive");
        }
        this.checkTimeout = checkTimeout;
        // cached pool: threads exist only while checks run
        this.pool = Executors.newCachedThreadPool(DaemonThreads.numbered("readiness-check"));
    }

    /** Registers a check; names are unique and appear as keys on {@code /ready}. Returns this for chaining. */
    public synchronized Readiness add(String name, ReadinessCheck check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if (checks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("readiness check already registered: " + name);
        }
        return this;
    }

    /** Runs every check now. Never throws because of a check. */
    public ReadinessReport evaluate() {
        Map<String, ReadinessCheck> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(checks);
        }
        List<String> names = new ArrayList<>(snapshot.keySet());
        List<Future<CheckResult>> futures = new ArrayList<>(names.size());
        for (String name : names) {
            ReadinessCheck check = snapshot.get(name);
            // submit (FutureTask), not CompletableFuture: only FutureTask.cancel(true) interrupts a hung check
            try {
                futures.add(pool.submit(() -> runCheck(check)));
            } catch (RejectedExecutionException e) { // closed: runtime is shutting down
                futures.add(CompletableFuture.completedFuture(CheckResult.failing("shutting down")));
            }
        }
        long deadline = System.nanoTime() + checkTimeout.toNanos();
        Map<String, CheckResult> results = new LinkedHashMap<>();
        boolean allOk = true;
        for (int i = 0; i < names.size(); i++) {
            CheckResult r = await(futures.get(i), deadline);
            results.put(names.get(i), r);
            allOk &= r.ok();
        }
        ReadinessStatus status;
        if (allOk) {
            everReady.set(true);
            status = ReadinessStatus.READY;
        } else {
            status = everReady.get() ? ReadinessStatus.DEGRADED : ReadinessStatus.STARTING;
        }
        return new ReadinessReport(status, results);
    }

    private static CheckResult runCheck(ReadinessCheck check) {
        try {
            CheckResult r = check.check();
            return r != null ? r : CheckResult.failing("check returned null");
        } catch (Exception e) {
            // class name only: exception messages can contain URLs with credentials
            return CheckResult.failing("error: " + e.getClass().getSimpleName());
        }
    }

    private static CheckResult await(Future<CheckResult> future, long deadlineNanos) {
        try {
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return CheckResult.failing("timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return CheckResult.failing("interrupted");
        } catch (ExecutionException e) {
            return CheckResult.failing("error: " + e.getCause().getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
