package io.guildflow.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.discord.DiscordSettings;
import io.guildflow.common.discord.governor.GovernorSettings;
import io.guildflow.common.discord.governor.RestGovernor;
import io.guildflow.common.nats.EventStreamSettings;
import io.guildflow.common.telemetry.NatsTracing;
import io.guildflow.gateway.events.EventPath;
import io.guildflow.gateway.events.ForwardedEvents;
import io.guildflow.gateway.guard.StandInPolicy;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway spends the environment's REST budget (issue 24): it is one process in the budget's presence, and an
 * invalid answer to its guard's acknowledgement counts in the cluster's ten-minute window that every worker's breaker
 * reads. Real NATS, the emulator as Discord, with every interaction callback refused (403) on the way.
 */
class GatewayRestBudgetIT {

    @Test
    void theGuardsRefusedAcknowledgementCountsInTheEnvironmentsInvalidRequests() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("gw-budget");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).commands("ping").build().start();
             CallbackRefusingProxy refusing = new CallbackRefusingProxy(emulator.apiUrl());
             Connection gatewayNats = Nats.connect(IsolatedEnvironment.NATS_URL);
             Connection workerNats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
            try (RestGovernor worker = GovernorSettings.defaults().sharedOver(workerNats, environment.topology(),
                         emulator.token());
                 RestGovernor governor = GovernorSettings.defaults().sharedOver(gatewayNats, environment.topology(),
                         emulator.token());
                 Gateway gateway = start(environment, emulator, refusing, gatewayNats, governor)) {
                emulator.awaitCondition(() -> gateway.shards().allConnected(), Duration.ofSeconds(20));
                emulator.awaitCondition(() -> worker.snapshot().processes() == 2, Duration.ofSeconds(5));
                assertEquals(0, worker.snapshot().invalidInWindow(), "nothing refused before the interaction");

                EmulatedGuild guild = emulator.guild(0);
                emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of());
                // no worker answers: the guard stands in at its deadline, and Discord refuses the callback
                emulator.awaitCondition(() -> worker.snapshot().invalidInWindow() > 0, Duration.ofSeconds(10));
                assertEquals(1, refusing.refusedCallbacks(), "one stand-in, not retried after a 403");
                assertEquals(1, worker.snapshot().invalidInWindow(),
                        "the refused acknowledgement, and nothing else, in the environment's window");
                assertEquals(2, worker.snapshot().processes(), "the gateway is one process in the budget");
            } finally {
                removeRestBucket(gatewayNats, environment);
            }
        }
    }

    private static Gateway start(IsolatedEnvironment environment, DiscordEmulator emulator,
                                 CallbackRefusingProxy refusing, Connection nats, RestGovernor governor) {
        Map<String, String> settings = new HashMap<>(EmulatorSettings.of(emulator));
        settings.put("DISCORD_API_URL", refusing.apiUrl(emulator.apiUrl()));
        EnvironmentValues values = new EnvironmentValues(settings);
        return Gateway.start(GatewaySettings.from(values), DiscordSettings.from(values), Duration.ofSeconds(5),
                StandInPolicy.standard(), nats, environment.topology(), new SimpleMeterRegistry(),
                new NatsTracing(OpenTelemetry.noop().getTracer("test"), W3CTraceContextPropagator.getInstance()),
                Clock.systemUTC(), new EventPath(ForwardedEvents.none(), EventStreamSettings.defaults(), nats,
                        refused -> { }), governor);
    }

    /** The budget's key-value bucket is not among the streams the environment removes. */
    private static void removeRestBucket(Connection nats, IsolatedEnvironment environment) throws Exception {
        String bucket = environment.topology().restBucket();
        if (nats.keyValueManagement().getBucketNames().contains(bucket)) {
            nats.keyValueManagement().delete(bucket);
        }
    }
}
