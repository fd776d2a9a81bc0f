package io.guildflow.devtools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.telemetry.LogSetup;
import io.guildflow.gateway.ingress.InteractionIngress;
import io.guildflow.gateway.shard.DiscordSessions;
import io.guildflow.gateway.shard.IdentifyLeases;
import io.guildflow.worker.WorkerSettings;
import io.nats.client.Connection;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.discord.RestDiscordResponder;
import io.guildflow.worker.dispatch.Answer;
import io.guildflow.worker.dispatch.Dispatcher;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.InteractionProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's monolith reference: the same handlers, ledger transaction and REST answer as a worker, called
 * straight from a JDA listener in one process, with no NATS in between. What a single-process bot costs.
 * Configured like a Guildflow process (DISCORD_*, DATABASE_URL, WORKER_CONCURRENCY); says {@value #READY} when
 * its shard is connected, and stops on SIGTERM.
 */
public final class MonolithMain {
    static final String READY = "monolith ready";
    private static final Logger log = LoggerFactory.getLogger(MonolithMain.class);

    private MonolithMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        GuildflowConfig config = GuildflowConfig.fromEnvironment(System.getenv());
        LogSetup.configureHuman(config.telemetry().logLevel());
        Clock clock = Clock.systemUTC();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WorkerSettings worker = config.worker();
        ExecutorService handlers = Executors.newFixedThreadPool(worker.consumer().concurrency());
        CountDownLatch stopped = new CountDownLatch(1);
        try (Database database = new Database(config.requireDatabase(), worker.pool(), "guildflow-monolith");
             DiscordRestClient rest = new DiscordRestClient(config.discord().apiUrl(),
                     config.requireDiscordToken().reveal(), meters)) {
            database.migrate();
            InteractionProcessor processor = new InteractionProcessor(database,
                    new Dispatcher(HandlerCatalog.discover(MonolithMain.class.getClassLoader()), clock), clock,
                    "monolith", worker.transactions(), () -> { });
            RestDiscordResponder responder = new RestDiscordResponder(rest);
            InteractionIngress ingress = new InteractionIngress(new ObjectMapper(), clock,
                    envelope -> handlers.execute(() -> handle(envelope, processor, responder)), meters);
            // JDA's IDENTIFY pacing lives in NATS (shared by a bot's gateways); the monolith's only NATS use.
            try (Connection nats = NatsConnections.connect(config.nats().servers(), "guildflow-monolith");
                 DiscordSessions sessions = DiscordSessions.start(config.discord(), config.gateway().shards(),
                         IdentifyLeases.open(nats, config.nats().topology(), "monolith"), java.util.Set.of(), ingress)) {
                while (!sessions.status().allConnected()) {
                    Thread.sleep(50);
                }
                System.out.println(READY);
                System.out.flush();
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                stopped.await();
            }
        } finally {
            handlers.shutdownNow();
        }
    }

    private static void handle(InteractionEnvelope envelope, InteractionProcessor processor,
                               RestDiscordResponder responder) {
        try {
            Answer answer = processor.process(envelope);
            if (answer.response() != null) {
                responder.respond(envelope, answer.response());
            }
        } catch (Exception e) {
            log.warn("interaction {} not answered: {}", envelope.interactionId(), e.toString());
        }
    }
}
