package io.guildflow.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.app.e2e.CommandLineIT.Result;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `guildflow replay` through the packaged runtime: settings from the environment, PostgreSQL migrated, NATS reached,
 * and an environment without streams refused with one line and exit code 2 (devtools' RecoveryDrillEndToEndIT runs the
 * replay itself after a real pg_dump and pg_restore, with the example bot's jar).
 */
class ReplayCommandIT {
    private static final String CLASS_PATH = Path.of("target", "guildflow.jar").toString();

    @Test
    void anEnvironmentWithoutStreamsIsRefusedWithOneLineAndExitTwo() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("replaycli")) {
            Result refused = CommandLineIT.runMain(environment.settings(), CLASS_PATH, "replay", "--since",
                    "2026-12-07T03:00:00Z");

            assertEquals(2, refused.exitCode(), refused.out() + refused.err());
            assertEquals(List.of("guildflow: stream " + environment.topology().streamName() + " does not exist on "
                    + IsolatedEnvironment.NATS_URL + ": is ENVIRONMENT (" + environment.name() + ") the one whose"
                    + " events to replay?"), refused.errLines());
        }
    }
}
