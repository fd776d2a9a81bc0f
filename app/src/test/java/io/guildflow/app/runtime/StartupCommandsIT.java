package io.guildflow.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.e2e.SetupHandlers;
import io.guildflow.common.discord.governor.RestGovernor;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands registered at start: development guild only, one GET on a restart, the newest version wins a rollout. */
class StartupCommandsIT {
    private static final String GLOBAL = "/applications/{application.id}/commands";
    private static final String IN_GUILD = "/applications/{application.id}/guilds/{guild.id}/commands";
    private static final HandlerCatalog OLD = HandlerCatalog.of(new SetupHandlers.Greet());
    private static final HandlerCatalog NEW = HandlerCatalog.of(new SetupHandlers.Greet(), new SetupHandlers.Roll());

    private static GuildflowConfig config(IsolatedEnvironment environment, DiscordEmulator emulator,
                                          Map<String, String> more) {
        Map<String, String> env = new HashMap<>(environment.settings());
        env.put("DISCORD_TOKEN", emulator.token());
        env.put("DISCORD_API_URL", emulator.apiUrl());
        env.putAll(more);
        return GuildflowConfig.fromEnvironment(env);
    }

    /** As a gateway starts: streams (with the registration bucket) first, then the commands. */
    private static void start(IsolatedEnvironment environment, DiscordEmulator emulator, Connection nats,
                              String version, HandlerCatalog catalog) {
        new StreamProvisioner(environment.topology()).ensureStreams(nats);
        register(config(environment, emulator, Map.of("BOT_VERSION", version)), catalog, nats);
    }

    /** Within the budget the process shares, as the gateway role passes it. */
    private static void register(GuildflowConfig config, HandlerCatalog catalog, Connection nats) {
        try (RestGovernor governor = config.governor().sharedOver(nats, config.nats().topology(),
                config.requireDiscordToken().reveal())) {
            StartupCommands.register(config, catalog, nats, governor, new SimpleMeterRegistry());
        }
    }

    private static List<String> names(DiscordEmulator emulator, String guildId) {
        return emulator.commands(guildId).stream().map(command -> command.path("name").asText()).sorted().toList();
    }

    @Test
    void twoVersionsStartedInEitherOrderEndWithTheNewerCommands() throws Exception {
        for (boolean newerFirst : new boolean[] {false, true}) {
            try (IsolatedEnvironment environment = new IsolatedEnvironment("rollout");
                 DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start();
                 Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
                if (newerFirst) {
                    start(environment, emulator, nats, "1.10.0", NEW);
                    start(environment, emulator, nats, "1.9.3", OLD);
                    assertEquals(1, emulator.restCalls("PUT", GLOBAL).size(), "the late older version writes nothing");
                } else {
                    start(environment, emulator, nats, "1.9.3", OLD);
                    start(environment, emulator, nats, "1.10.0", NEW);
                    assertEquals(2, emulator.restCalls("PUT", GLOBAL).size());
                }
                assertEquals(List.of("config", "greet", "roll"), names(emulator, null), "newer first: " + newerFirst);
                // A restart of the older version (a scale-up mid-deploy) still leaves the newer commands.
                start(environment, emulator, nats, "1.9.3", OLD);
                assertEquals(List.of("config", "greet", "roll"), names(emulator, null), "newer first: " + newerFirst);
            }
        }
    }

    @Test
    void aRestartWithTheSameCommandsCostsOneGet() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("restart");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start();
             Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
            // With DISCORD_APPLICATION_ID set; without it, GET applications/@me comes first.
            Map<String, String> settings = Map.of("BOT_VERSION", "2.0.0",
                    "DISCORD_APPLICATION_ID", emulator.applicationId());
            new StreamProvisioner(environment.topology()).ensureStreams(nats);
            register(config(environment, emulator, settings), NEW, nats);
            emulator.clearRecording();
            register(config(environment, emulator, settings), NEW, nats);
            assertEquals(List.of("GET " + GLOBAL), emulator.restCalls().stream()
                    .map(call -> call.method() + " " + call.route()).toList());
        }
    }

    @Test
    void aDevelopmentGuildGetsTheCommandsAndNothingIsRegisteredGlobally(@TempDir Path bot) throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("devguild");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(2).build().start()) {
            String guild = emulator.guild(1).id();
            Map<String, String> settings = new HashMap<>(environment.settings());
            settings.putAll(Map.of("DISCORD_TOKEN", emulator.token(), "DISCORD_API_URL", emulator.apiUrl(),
                    "DISCORD_GATEWAY_URL", emulator.gatewayUrl(), "DISCORD_GUILD_ID", guild,
                    "METRICS_ADDRESS", "127.0.0.1:0", "BOT_VERSION", "1.0.0"));
            try (URLClassLoader handlers = botWithTwoCommands(bot)) {
                new EmbeddedGuildflow().start(settings, handlers, Duration.ofSeconds(60)).close();
            }
            assertEquals(List.of("config", "greet", "roll"), names(emulator, guild));
            assertEquals(List.of(), names(emulator, null));
            assertEquals(List.of(), names(emulator, emulator.guild(0).id()));
            assertEquals(1, emulator.restCalls("PUT", IN_GUILD).size());
        }
    }

    private static URLClassLoader botWithTwoCommands(Path bot) throws IOException {
        Path services = Files.createDirectories(bot.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.guildflow.api.InteractionHandler"),
                SetupHandlers.Greet.class.getName() + "\n" + SetupHandlers.Roll.class.getName() + "\n");
        return new URLClassLoader(new URL[] {bot.toUri().toURL()}, StartupCommandsIT.class.getClassLoader());
    }
}
