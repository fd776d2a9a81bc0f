package io.guildflow.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReniceTest {
    private static final Path THIS_THREAD = Path.of("/proc/thread-self");

    @Test
    void aThreadThatDoesNotExistIsRefusedNotLost() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        // Above the kernel's pid_max (at most 2^22): no thread has this id.
        Renice.Result result = Renice.threads(19, List.of("99999999"));
        assertEquals(Renice.Outcome.REFUSED, result.outcome(), result.toString());
    }

    @Test
    void aThreadMayLowerItself() throws Exception {
        assumeTrue(Files.exists(THIS_THREAD), "Linux only");
        Renice.Result[] result = new Renice.Result[1];
        Thread lowered = new Thread(() -> {
            try {
                String self = Files.readSymbolicLink(THIS_THREAD).getFileName().toString();
                result[0] = Renice.threads(19, List.of(self));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        lowered.start();
        lowered.join();
        assertEquals(Renice.Outcome.CHANGED, result[0].outcome(), result[0].toString());
    }
}
