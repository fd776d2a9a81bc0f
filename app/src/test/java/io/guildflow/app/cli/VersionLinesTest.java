package io.guildflow.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionLinesTest {
    @Test
    void theBotsVersionComesFromBotVersionAndTheRuntimesFromItsBuild() {
        String runtime = VersionLines.runtime();
        assertTrue(runtime.matches("\\d+\\.\\d+\\.\\d+.*"), "the build filled in the runtime's version: " + runtime);
        assertArrayEquals(new String[] {"bot 2.3.4 (BOT_VERSION)", "guildflow runtime " + runtime},
                VersionLines.lines(Map.of("BOT_VERSION", "2.3.4")));
        // classes run from directories have no manifest: nothing to name but the advice
        assertArrayEquals(new String[] {"bot unversioned (no BOT_VERSION, no Implementation-Version in the jar)",
                "guildflow runtime " + runtime}, VersionLines.lines(Map.of()));
        assertArrayEquals(new String[] {"bot unknown: BOT_VERSION=banana is not valid: expected a version starting with"
                + " numbers, e.g. 1.4.2 or 1.4.2-rc1", "guildflow runtime " + runtime},
                VersionLines.lines(Map.of("BOT_VERSION", "banana")));
    }
}
