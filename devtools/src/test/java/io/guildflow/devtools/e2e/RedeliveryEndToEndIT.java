package io.guildflow.devtools.e2e;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.runtime.GuildflowProcess;
import io.guildflow.common.discord.DiscordError;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.discord.ResponseEncoder;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.telemetry.Telemetry;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.DyingPing;
import io.guildflow.worker.Worker;
import io.guildflow.worker.WorkerSettings;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.discord.RestDiscordResponder;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.outbox.RestChannelMessages;
import io.nats.client.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A worker dies after receiving an interaction and before committing: its NATS connection goes and
 * PostgreSQL rolls its transaction back, as when a pod is killed. The event must reach another
 * worker, which answers it: one row, one answer, never two.
 *
 * <p>The emulator's clock is frozen so this test is about redelivery, not about the 3-second window:
 * the answer comes after the consumer's AckWait, so the gateway's acknowledgement guard has deferred
 * the interaction by then and worker B's callback is refused (40060): it edits the deferral instead.
 */
class RedeliveryEndToEndIT {

    @Test
    void eventOfAWorkerThatDiedBeforeCommittingIsAnsweredOnceByAnother() throws Exception {
        DyingPing dying = new DyingPing();
        try (IsolatedEnvironment environment = new IsolatedEnvironment("redelivery");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).commands("ping")
                     .clock(TestClock.frozen(Instant.now())).build().start();
             Telemetry telemetry = Telemetry.create("worker-a", environment.name(), null)) {
            GuildflowConfig workerConfig = LocalCluster.configFor(emulator, environment.settings(), BotMode.WORKER);
            Connection natsA = NatsConnections.connect(workerConfig.nats().servers(), "worker-a");
            WorkerSettings configured = workerConfig.worker();
            Database databaseA = new Database(workerConfig.requireDatabase(), configured.pool(), "worker-a");
            DiscordRestClient restA = new DiscordRestClient(workerConfig.discord().apiUrl(), "", telemetry.registry());
            // A 2 s ack wait: the dead worker's event comes back quickly.
            WorkerSettings quickRedelivery = new WorkerSettings(configured.database(), configured.pool(),
                    new ConsumerSettings(configured.consumer().concurrency(), Duration.ofSeconds(2),
                            configured.consumer().maxDeliver()), configured.transactions(), configured.retention());
            Worker workerA = new Worker(natsA, workerConfig.nats().topology(), databaseA, HandlerCatalog.of(dying),
                    new RestDiscordResponder(restA), new RestChannelMessages(restA), telemetry.registry(),
                    telemetry.nats(), Clock.systemUTC(), "worker-a", quickRedelivery,
                    workerConfig.process().shutdownTimeout());
            workerA.start();

            try (LocalCluster gatewayOnly = LocalCluster.start(emulator, environment.settings(), 0,
                    HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()))) {
                gatewayOnly.awaitReady(Duration.ofSeconds(30));
                DispatchedInteraction ping = emulator.slashCommand(emulator.guild(0),
                        emulator.guild(0).members().get(0), "ping", Map.of());
                assertTrue(dying.awaitEntered(Duration.ofSeconds(10)), "worker A received the event");

                natsA.close();
                dying.kill();
                try (GuildflowProcess workerB = GuildflowProcess.start(workerConfig, Clock.systemUTC(),
                        HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()), "worker-b")) {
                    InteractionRecord record = emulator.awaitResponse(ping.id(), Duration.ofSeconds(30));
                    assertTrue(record.content().startsWith("pong"), record.content());

                    Thread.sleep(500); // room for a wrong second answer to show up
                    record = emulator.interaction(ping.id());
                    assertEquals(1, record.acceptedAcknowledgements());
                    assertEquals(ResponseEncoder.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
                            record.acknowledgementType(), "the guard deferred it");
                    assertEquals(1, record.edits(), "worker B edited the deferral once");
                    for (InteractionRecord.Refusal refusal : record.refusals()) {
                        assertEquals(DiscordError.INTERACTION_ALREADY_ACKNOWLEDGED.code(), refusal.code());
                    }
                    assertEquals(1, environment.count("SELECT count(*) FROM handled_interactions"));
                    assertEquals(1, environment.count(
                            "SELECT count(*) FROM handled_interactions WHERE worker_id = 'worker-b'"));
                }
            } finally {
                workerA.close();
                restA.close();
                databaseA.close();
            }
        }
    }
}
