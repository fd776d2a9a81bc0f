package io.guildflow.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.StartupException;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.discord.DiscordSettings;
import io.guildflow.common.discord.governor.GovernorSettings;
import io.guildflow.common.nats.EventStreamSettings;
import io.guildflow.gateway.Gateway;
import io.guildflow.gateway.GatewaySettings;
import io.guildflow.gateway.guard.StandInPolicy;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operator enabled MESSAGE_CONTENT in DISCORD_PRIVILEGED_INTENTS but not in the Developer Portal: Discord (the
 * emulator, which allows no privileged intent here) closes the session with 4014. The gateway says so in one line
 * with exit code 2, once, and does not identify again.
 */
class IntentRefusalIT {
    @Test
    void disallowedIntentsAreOneLineWithExitCodeTwoAndNoReconnectLoop() throws Exception {
        CompletableFuture<StartupException> refused = new CompletableFuture<>();
        try (IsolatedEnvironment environment = new IsolatedEnvironment("gw-4014");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start();
             Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
            Map<String, String> env = new HashMap<>(EmulatorSettings.of(emulator));
            env.put("DISCORD_PRIVILEGED_INTENTS", "MESSAGE_CONTENT");
            EnvironmentValues values = new EnvironmentValues(env);
            try (Gateway gateway = Gateway.start(GatewaySettings.from(values), DiscordSettings.from(values),
                    Duration.ofSeconds(5), StandInPolicy.standard(), nats, environment.topology(),
                    new SimpleMeterRegistry(), new io.guildflow.common.telemetry.NatsTracing(
                            OpenTelemetry.noop().getTracer("test"), W3CTraceContextPropagator.getInstance()),
                    Clock.systemUTC(), new EventPath(new ForwardedEvents(Set.of("MESSAGE_CREATE"),
                            Set.of("GUILD_MESSAGES", "MESSAGE_CONTENT")), EventStreamSettings.defaults(), nats,
                            refused::complete), GovernorSettings.defaults().alone())) {
                StartupException error = refused.get(15, TimeUnit.SECONDS);
                assertEquals(2, error.exitCode());
                assertTrue(error.getMessage().contains("4014") && error.getMessage().contains("MESSAGE_CONTENT"),
                        error.getMessage());
                assertTrue(!error.getMessage().contains("\n"), "one line");
                Thread.sleep(1_500); // a reconnect loop would identify again within this
                assertEquals(1, emulator.gatewayFrames().stream().filter(frame -> frame.op() == 2 && frame.direction() == io.guildflow.testkit.recording.GatewayFrame.Direction.RECEIVED).count(),
                        "identified once, no reconnect loop");
            }
        }
    }
}
