package io.guildflow.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.api.event.EventHandler;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.common.StartupException;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.events.EventCatalog;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A privileged intent an event handler needs: not allowed by the operator, start-up stops with one line naming the
 * handler and the intent (exit 2) before anything connects; allowed by the operator but not by Discord (the
 * emulator allows none), Discord's close 4014 stops the running gateway the same way, once.
 */
class PrivilegedIntentStartupIT {
    private static final EventSubscription READS_CONTENT = EventSubscription.of(EventCatalog.of(
            List.<EventHandler<?>>of(new EventSubscriptionTest.Counter()), List.of()));

    private static GuildflowConfig gatewayConfig(IsolatedEnvironment environment, DiscordEmulator emulator,
                                                 Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(environment.settings());
        env.putAll(EmulatorSettings.of(emulator));
        env.put("BOT_MODE", "gateway");
        env.put("METRICS_ADDRESS", "127.0.0.1:0");
        env.putAll(extra);
        return GuildflowConfig.fromEnvironment(env).validateForMode();
    }

    @Test
    void aHandlerNeedingAPrivilegedIntentNotAllowedStopsStartUpInOneLine() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("intents");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start()) {
            StartupException error = assertThrows(StartupException.class, () -> GuildflowProcess.start(
                    gatewayConfig(environment, emulator, Map.of()), Clock.systemUTC(), HandlerCatalog.of(),
                    READS_CONTENT, "intents-it"));
            assertEquals(2, error.exitCode());
            assertTrue(error.getMessage().contains(EventSubscriptionTest.Counter.class.getName())
                    && error.getMessage().contains("MESSAGE_CONTENT"), error.getMessage());
            assertFalse(error.getMessage().contains("\n"), "one line");
            assertTrue(emulator.gatewayFrames().isEmpty(), "nothing connected to Discord");
        }
    }

    @Test
    void discordRefusingTheIntentsStopsTheGatewayWithExitCodeTwo() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("intents-4014");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start()) {
            Throwable error = null;
            GuildflowProcess process = null;
            try {
                process = GuildflowProcess.start(gatewayConfig(environment, emulator,
                        Map.of("DISCORD_PRIVILEGED_INTENTS", "MESSAGE_CONTENT")), Clock.systemUTC(), HandlerCatalog.of(),
                        READS_CONTENT, "intents-4014-it");
            } catch (StartupException whileStarting) {
                // Discord's close can come while start-up still registers the commands: start-up then ends with it
                error = whileStarting;
            }
            if (process != null) {
                GuildflowProcess running = process;
                try {
                    error = CompletableFuture.supplyAsync(() -> {
                        try {
                            running.awaitTermination();
                            return null;
                        } catch (Throwable e) {
                            return e;
                        }
                    }).get(20, TimeUnit.SECONDS);
                } finally {
                    running.close();
                }
            }
            StartupException refused = assertInstanceOf(error);
            assertEquals(2, refused.exitCode());
            assertTrue(refused.getMessage().contains("4014"), refused.getMessage());
        }
    }

    private static StartupException assertInstanceOf(Throwable error) {
        assertTrue(error instanceof StartupException, "expected the refusal, got " + error);
        return (StartupException) error;
    }
}
