package io.guildflow.app.runtime;

import io.guildflow.common.Renice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process lowers its own CPU priority ({@code WORKER_NICE}), so that on a host it shares with the
 * gateway, the database and NATS, a saturated CPU goes to reading interactions and acknowledging them first:
 * the gateway has 3 s for that, a worker's answer can wait a moment. Linux only; elsewhere, or where it is
 * refused, the worker runs as it is and says so in one line.
 *
 * <p>Linux keeps a nice value per thread, and a new thread inherits its creator's, so every thread that
 * exists now is lowered and the ones started later follow. Between containers the CPU is shared by their
 * CPU requests or shares instead ({@code k8s/}, {@code compose.yaml} give the gateway more).
 */
public final class WorkerPriority {
    private static final Logger log = LoggerFactory.getLogger(WorkerPriority.class);
    private static final Path THREADS = Path.of("/proc/self/task");
    /** Rounds of "lower what is not lowered yet"; new threads inherit from lowered ones, so one more usually ends it. */
    private static final int ROUNDS = 5;
    private static final int ENDED = Integer.MIN_VALUE;

    private WorkerPriority() {
    }

    /** @return whether every thread of this process now runs at {@code nice} */
    public static boolean lower(int nice) {
        if (nice == 0) {
            return false;
        }
        if (!Files.isDirectory(THREADS)) {
            log.info("WORKER_NICE={} not applied: no /proc/self/task (not Linux)", nice);
            return false;
        }
        // Threads may start while the others are lowered (from a thread not lowered yet): go again for those.
        for (int round = 0; round < ROUNDS; round++) {
            List<String> higher;
            try {
                higher = threadsNotAt(nice);
            } catch (IOException e) {
                log.warn("WORKER_NICE={} not applied: cannot list this process's threads ({})", nice, e.getMessage());
                return false;
            }
            if (higher.isEmpty()) {
                log.info("worker runs at nice {} (WORKER_NICE): the gateway on this host gets the CPU first", nice);
                return true;
            }
            if (!renice(nice, higher)) {
                return false;
            }
        }
        log.warn("WORKER_NICE={} applied, but threads kept starting at another priority", nice);
        return false;
    }

    /** The ids of this process's threads whose nice value is not {@code nice} (ended ones are skipped). */
    private static List<String> threadsNotAt(int nice) throws IOException {
        List<String> higher = new ArrayList<>();
        try (Stream<Path> threads = Files.list(THREADS)) {
            for (Path thread : threads.toList()) {
                int value = niceOf(thread.resolve("stat"));
                if (value != nice && value != ENDED) {
                    higher.add(thread.getFileName().toString());
                }
            }
        }
        return higher;
    }

    /** @return false when renice could not run at all (then the worker runs as it is) */
    private static boolean renice(int nice, List<String> threads) {
        Renice.Result result = Renice.threads(nice, threads);
        switch (result.outcome()) {
            case TIMED_OUT -> log.warn("WORKER_NICE={} not applied: renice did not finish in time", nice);
            case NOT_AVAILABLE -> log.warn("WORKER_NICE={} not applied: cannot run renice ({})", nice, result.detail());
            default -> {
                // REFUSED also means a thread ended meanwhile; the next round sees what is left
            }
        }
        return result.outcome() == Renice.Outcome.CHANGED || result.outcome() == Renice.Outcome.REFUSED;
    }

    /** A thread's nice value, the 19th field of its {@code stat}; {@link #ENDED} when it is gone. */
    static int niceOf(Path stat) {
        try {
            String line = Files.readString(stat);
            // the command name (field 2) may hold spaces; it ends at the last ')'
            return Integer.parseInt(line.substring(line.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException | RuntimeException e) {
            return ENDED;
        }
    }
}
