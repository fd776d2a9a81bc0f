package io.guildflow.devtools.e2e;


import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.runtime.GuildflowProcess;


import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;

import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Clock;
import java.time.Duration;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 3-second promise with every worker down: the gateway's guard defers each interaction in
 * time, and a worker started afterwards turns each deferral into the real answer by editing it.
 */
class AcknowledgementGuardEndToEndIT {

    @Test
    void withoutWorkersEveryInteractionIsDeferredInTimeAndALaterWorkerAnswersEachOnce() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("guard");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start();
             LocalCluster gatewayOnly = LocalCluster.start(emulator, environment.settings(), 0,
                     HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()))) {
            gatewayOnly.awaitReady(Duration.ofSeconds(30));

            List<DispatchedInteraction> sent = GuardedPings.send(emulator, 50, 10);
            GuardedPings.assertDeferredInTime(emulator, sent);

            try (GuildflowProcess worker = GuildflowProcess.start(
                    LocalCluster.configFor(emulator, environment.settings(), BotMode.WORKER), Clock.systemUTC(),
                    HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()), "late-worker")) {
                GuardedPings.assertEachAnsweredOnceByAnEdit(emulator, sent);
                assertEquals(50, environment.count("SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
            }
        }
    }
}
