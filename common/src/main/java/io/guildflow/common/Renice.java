package io.guildflow.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sets the nice value of threads by their kernel ids with {@code renice}: Java has no call for it, and Linux keeps a
 * nice value per thread, which {@code renice -p} takes as a process id.
 */
public final class Renice {
    /** renice returns at once; one that hangs must not hold a process's start-up. */
    static final long TIMEOUT_SECONDS = 5;

    /** What became of one renice run. */
    public enum Outcome {
        /** renice exited 0: every thread named now runs at the value. */
        CHANGED,
        /** renice ran but refused at least one thread (one may have ended meanwhile). */
        REFUSED,
        /** renice did not finish within {@value #TIMEOUT_SECONDS} s and was killed. */
        TIMED_OUT,
        /** renice could not be started (not installed, not Linux). */
        NOT_AVAILABLE,
        /** the calling thread was interrupted while waiting; its interrupt flag is set again. */
        INTERRUPTED
    }

    /** @param detail why, for {@link Outcome#NOT_AVAILABLE}; empty otherwise */
    public record Result(Outcome outcome, String detail) {
        public boolean changed() {
            return outcome == Outcome.CHANGED;
        }
    }

    private Renice() {
    }

    public static Result threads(int nice, List<String> threadIds) {
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
        command.addAll(threadIds);
        try {
            Process renice = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return new Result(Outcome.TIMED_OUT, "");
            }
            return new Result(renice.exitValue() == 0 ? Outcome.CHANGED : Outcome.REFUSED, "");
        } catch (IOException e) {
            return new Result(Outcome.NOT_AVAILABLE, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.INTERRUPTED, "");
        }
    }
}
