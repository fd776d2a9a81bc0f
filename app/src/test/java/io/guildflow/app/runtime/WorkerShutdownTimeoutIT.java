package io.guildflow.app.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.Telemetry;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * SHUTDOWN_TIMEOUT, read from the environment like a deployment's, is how long a closing worker waits for
 * the event it holds: no longer (the first test fails if the worker waits its old fixed 20 s), and for as long
 * as that (the second fails if it stops waiting for a handler that ends within it).
 */
class WorkerShutdownTimeoutIT {
    @Test
    void aShorterTimeoutHandsTheEventBackBeforeTheHandlerEnds() throws Exception {
        Stopped stopped = stopWhileHandling("1s", Duration.ofSeconds(8));
        assertTrue(stopped.took().compareTo(Duration.ofSeconds(6)) < 0, "close took " + stopped.took());
        assertFalse(stopped.handlerFinished(), "close waited for the 8 s handler despite SHUTDOWN_TIMEOUT=1s");
    }

    @Test
    void aHandlerThatEndsWithinTheTimeoutIsWaitedFor() throws Exception {
        Stopped stopped = stopWhileHandling("6s", Duration.ofSeconds(2));
        assertTrue(stopped.handlerFinished(), "close returned after " + stopped.took()
                + " before the 2 s handler ended despite SHUTDOWN_TIMEOUT=6s");
    }

    private record Stopped(Duration took, boolean handlerFinished) {
    }

    private static Stopped stopWhileHandling(String shutdownTimeout, Duration handling) throws Exception {
        Slow slow = new Slow(handling);
        try (IsolatedEnvironment environment = new IsolatedEnvironment("shutdown");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start();
             Telemetry telemetry = Telemetry.create("guildflow-worker", environment.name(), null)) {
            Map<String, String> env = new HashMap<>(environment.settings());
            env.putAll(EmulatorSettings.of(emulator));
            env.put("BOT_MODE", "worker");
            env.put("SHUTDOWN_TIMEOUT", shutdownTimeout);
            GuildflowConfig config = GuildflowConfig.fromEnvironment(env).validateForMode();
            WorkerRole worker = WorkerRole.start(config, telemetry, Clock.systemUTC(), HandlerCatalog.of(slow),
                    "shutdown-it");
            try {
                publish(environment.topology(), slow.definition().name());
                assertTrue(slow.entered.await(60, TimeUnit.SECONDS), "the handler never ran");
            } catch (Throwable e) {
                worker.close();
                throw e;
            }
            long started = System.nanoTime();
            worker.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return new Stopped(took, slow.finished.get());
        }
    }

    private static void publish(Topology topology, String command) throws Exception {
        ObjectNode raw = new ObjectMapper().createObjectNode();
        String id = Long.toString(1_100_000_000_000_000_000L + System.nanoTime() % 1_000_000_000L);
        raw.put("id", id).put("token", "token-" + id).put("type", 2).put("guild_id", "4242")
                .put("channel_id", "777").put("application_id", "999");
        raw.putObject("member").putObject("user").put("id", "555");
        raw.putObject("data").put("id", "1").put("name", command).put("type", 1);
        InteractionEnvelope envelope = InteractionEnvelope.fromDiscord(raw, Instant.now(), 0);
        try (Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
            nats.jetStream().publish(NatsMessage.builder().subject(topology.interactionSubject(envelope))
                    .headers(new Headers().put(Topology.HEADER_MESSAGE_ID, id))
                    .data(new EnvelopeCodec().encode(envelope)).build());
        }
    }

    /** Runs its full time whatever interrupts it, as a handler stuck in a call that ignores interrupts would. */
    private static final class Slow implements SlashCommand {
        private final Duration handling;
        private final CountDownLatch entered = new CountDownLatch(1);
        private final AtomicBoolean finished = new AtomicBoolean();

        Slow(Duration handling) {
            this.handling = handling;
        }

        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("slow", "Takes its time");
        }

        @Override
        public Response handle(CommandContext context) {
            entered.countDown();
            long end = System.nanoTime() + handling.toNanos();
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
                } catch (InterruptedException ignored) {
                    // the point of this handler: it does not stop early
                }
            }
            finished.set(true);
            return Response.reply("done");
        }
    }
}
