package io.guildflow.worker.dispatch;

import io.guildflow.common.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off a handler that runs past the limit: its thread is interrupted (blocking calls and JDBC
 * give up), and the processor rolls its transaction back and answers with the apology. The database
 * side is cut by {@link TransactionLimits} even if the handler ignores the interrupt.
 */
final class HandlerDeadline implements AutoCloseable {
    private final Duration limit;
    private final ScheduledExecutorService timer;

    HandlerDeadline(Duration limit, String workerId) {
        this.limit = limit;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("gf-worker-" + workerId + "-deadline"));
    }

    Duration limit() {
        return limit;
    }

    /** Starts watching the calling thread; call {@link Watch#finish()} on the same thread afterwards. */
    Watch start() {
        Watch watch = new Watch(Thread.currentThread());
        watch.timeout = timer.schedule(watch::cut, limit.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    static final class Watch {
        private final Thread thread;
        private ScheduledFuture<?> timeout;
        private boolean finished;
        private boolean cut;

        private Watch(Thread thread) {
            this.thread = thread;
        }

        private synchronized void cut() {
            if (!finished) {
                cut = true;
                thread.interrupt();
            }
        }

        /** @return true when the handler finished within the limit; false when it was cut off (interrupt cleared) */
        synchronized boolean finish() {
            finished = true;
            timeout.cancel(false);
            if (cut) {
                Thread.interrupted();
            }
            return !cut;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
