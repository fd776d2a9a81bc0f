package io.guildflow.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's background threads: daemons, so one that a forgotten {@code close()} left running never keeps
 * the JVM from exiting, and named, so a thread dump or a log line says whose each is.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Every thread is called {@code name}: for an executor of one thread, or of threads doing one job. */
    public static ThreadFactory named(String name) {
        return body -> thread(name, body);
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}, …: for a pool whose threads a dump should tell apart. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return body -> thread(prefix + "-" + count.incrementAndGet(), body);
    }

    /** A daemon thread called {@code name}, not started yet. */
    public static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
