package io.guildflow.devtools.e2e;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * One trace from gateway to worker: the gateway's publish span travels in the message's
 * {@code traceparent} header, and the worker handles the interaction inside a child span of it,
 * so its log lines carry the same trace id.
 */
class TracePropagationEndToEndIT {

    /** /ping that notes the trace id its log lines would carry. */
    public static final class TraceNotingPing implements SlashCommand {
        final Map<String, String> traceIds = new ConcurrentHashMap<>();

        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("ping", "Check that the bot is alive");
        }

        @Override
        public Response handle(CommandContext ctx) {
            traceIds.put(ctx.interactionId(), String.valueOf(MDC.get("trace_id")));
            return Response.reply("pong");
        }
    }

    @Test
    void workerContinuesTheTraceTheGatewayStarted() throws Exception {
        TraceNotingPing ping = new TraceNotingPing();
        try (IsolatedEnvironment environment = new IsolatedEnvironment("trace");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).commands("ping").build().start();
             LocalCluster cluster = LocalCluster.start(emulator, environment.settings(), 1, HandlerCatalog.of(ping));
             Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
            cluster.awaitReady(Duration.ofSeconds(30));
            EmulatedGuild guild = emulator.guild(0);
            DispatchedInteraction sent = emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of());
            emulator.awaitResponse(sent.id(), Duration.ofSeconds(10));

            MessageInfo published = nats.jetStreamManagement().getLastMessage(environment.topology().streamName(),
                    "gf." + environment.name() + ".guild." + guild.id() + ".command");
            String traceparent = published.getHeaders().getFirst("traceparent");
            assertNotNull(traceparent, "the gateway put a traceparent on the message");
            String[] parts = traceparent.split("-");
            assertEquals(4, parts.length, traceparent);
            assertTrue(!parts[1].matches("0+"), "a real trace id: " + traceparent);
            assertEquals(parts[1], ping.traceIds.get(sent.id()), "worker's trace id");
        }
    }
}
