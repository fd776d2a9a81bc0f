package io.guildflow.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that no one waits for within seconds (gateway events: publishing them in the gateway, handling them in a
 * worker) runs on threads at the lowest CPU priority, {@link #NICE}, so that on a saturated host the CPU goes to
 * interactions first, which have 3 s and a person waiting. Linux keeps a nice value per thread, so only the calling
 * thread is lowered; a thread may always lower itself. Elsewhere, or where it is refused, the thread runs as it is.
 */
public final class BackgroundPriority {
    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);
    /** Unix nice 19, the lowest: CFS gives such a thread about 1.5 % of a core against one at nice 0. */
    public static final int NICE = 19;
    private static final Path THIS_THREAD = Path.of("/proc/thread-self");

    private BackgroundPriority() {
    }

    /** Threads from {@code threads} lower themselves as their first act. */
    public static ThreadFactory lowered(ThreadFactory threads) {
        return body -> threads.newThread(() -> {
            lowerThisThread();
            body.run();
        });
    }

    /** @return whether the calling thread now runs at {@link #NICE} */
    public static boolean lowerThisThread() {
        String thread;
        try {
            // "<pid>/task/<tid>": the kernel's id of this thread, which renice takes as a process id
            thread = Files.readSymbolicLink(THIS_THREAD).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("background thread {} keeps its priority: no /proc/thread-self", Thread.currentThread().getName());
            return false;
        }
        Renice.Result result = Renice.threads(NICE, List.of(thread));
        if (result.outcome() == Renice.Outcome.NOT_AVAILABLE) {
            log.debug("background thread {} keeps its priority: cannot run renice ({})",
                    Thread.currentThread().getName(), result.detail());
        }
        return result.changed();
    }
}
