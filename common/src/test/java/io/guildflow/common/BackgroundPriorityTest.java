package io.guildflow.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {

    @Test
    void aLoweredThreadRunsAtTheLowestPriorityAndItsCreatorDoesNot() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "Linux keeps a nice value per thread");
        int before = niceOfThisThread();
        ExecutorService pool = Executors.newSingleThreadExecutor(
                BackgroundPriority.lowered(DaemonThreads.named("gf-events-test")));
        try {
            Future<Integer> lowered = pool.submit(BackgroundPriorityTest::niceOfThisThread);
            assertEquals(BackgroundPriority.NICE, lowered.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, niceOfThisThread(), "only the pool's thread is lowered");
    }

    @Test
    void aThreadCanLowerItselfWithoutPrivileges() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "Linux keeps a nice value per thread");
        boolean[] lowered = new boolean[1];
        int[] nice = new int[1];
        Thread thread = DaemonThreads.thread("gf-event-test", () -> {
            lowered[0] = BackgroundPriority.lowerThisThread();
            nice[0] = niceOfThisThread();
        });
        thread.start();
        thread.join();
        assertTrue(lowered[0]);
        assertEquals(BackgroundPriority.NICE, nice[0]);
    }

    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
