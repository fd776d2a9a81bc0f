package io.guildflow.app.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    private static final long RENICE_TIMEOUT_SECONDS = 5;

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
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
        try (Stream<Path> threads = Files.list(THREADS)) {
            threads.map(thread -> thread.getFileName().toString()).forEach(command::add);
        } catch (IOException e) {
            log.warn("WORKER_NICE={} not applied: cannot list this process's threads ({})", nice, e.getMessage());
            return false;
        }
        try {
            Process renice = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(RENICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                log.warn("WORKER_NICE={} not applied: renice did not finish within {} s", nice, RENICE_TIMEOUT_SECONDS);
                return false;
            }
            if (renice.exitValue() != 0) {
                // a thread that ended meanwhile fails its part; the others are lowered all the same
                log.info("WORKER_NICE={}: renice reported a failure (exit {}), checking what it did", nice,
                        renice.exitValue());
            }
        } catch (IOException e) {
            log.warn("WORKER_NICE={} not applied: cannot run renice ({})", nice, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        int now = current();
        if (now != nice) {
            log.warn("WORKER_NICE={} not applied: this thread runs at nice {}", nice, now);
            return false;
        }
        log.info("worker runs at nice {} (WORKER_NICE): the gateway on this host gets the CPU first", nice);
        return true;
    }

    /** This thread's nice value, the 19th field of {@code /proc/thread-self/stat}; -1 when unreadable. */
    static int current() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // the command name (field 2) may hold spaces; it ends at the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
