package io.guildflow.devtools.e2e;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.RestCall;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.AnsweredOnce;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two environments share one NATS and one PostgreSQL server. Each has its own Discord (emulator),
 * so a worker answering the other environment's interaction would show up as a refused callback
 * for an unknown interaction at its own emulator, and as a missing answer at the other.
 */
class EnvironmentIsolationEndToEndIT {

    @Test
    void alphaAndBetaEachAnswerOnlyTheirOwnInteractions() throws Exception {
        try (IsolatedEnvironment alpha = new IsolatedEnvironment("alpha");
             IsolatedEnvironment beta = new IsolatedEnvironment("beta");
             DiscordEmulator alphaDiscord = BotCommands.emulator().guilds(2).commands("ping").build().start();
             DiscordEmulator betaDiscord = BotCommands.emulator().guilds(2).commands("ping").build().start();
             LocalCluster alphaCluster = LocalCluster.start(alphaDiscord, alpha.settings(), 1, HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()));
             LocalCluster betaCluster = LocalCluster.start(betaDiscord, beta.settings(), 1, HandlerCatalog.discover(Thread.currentThread().getContextClassLoader()))) {
            alphaCluster.awaitReady(Duration.ofSeconds(30));
            betaCluster.awaitReady(Duration.ofSeconds(30));

            List<DispatchedInteraction> alphaSent = send(alphaDiscord, 20);
            List<DispatchedInteraction> betaSent = send(betaDiscord, 30);

            assertAllAnsweredOnce(alphaDiscord, alphaSent);
            assertAllAnsweredOnce(betaDiscord, betaSent);
            assertEquals(20, alpha.count("SELECT count(*) FROM handled_interactions"));
            assertEquals(30, beta.count("SELECT count(*) FROM handled_interactions"));
            assertOnlyOwnCallbacks(alphaDiscord, alphaSent);
            assertOnlyOwnCallbacks(betaDiscord, betaSent);

            try (Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
                String alphaStream = alpha.topology().streamName();
                assertTrue(alphaStream.startsWith("GUILDFLOW_ALPHA_"), alphaStream);
                assertEquals(alpha.name() + "-workers", alpha.topology().consumerName());
                assertEquals(alpha.topology().consumerName(), nats.jetStreamManagement()
                        .getConsumerInfo(alphaStream, alpha.topology().consumerName()).getName());
                assertEquals(List.of("gf." + beta.name() + ".guild.*.*", "gf." + beta.name() + ".dm.*.*",
                                "gf." + beta.name() + ".lifecycle.*"),
                        nats.jetStreamManagement().getStreamInfo(beta.topology().streamName())
                                .getConfiguration().getSubjects());
                assertEquals(20, nats.jetStreamManagement().getStreamInfo(alphaStream).getStreamState().getMsgCount());
                assertEquals(30, nats.jetStreamManagement().getStreamInfo(beta.topology().streamName())
                        .getStreamState().getMsgCount());
            }
        }
    }

    private static List<DispatchedInteraction> send(DiscordEmulator discord, int count) {
        List<DispatchedInteraction> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EmulatedGuild guild = discord.guild(i % discord.guilds().size());
            sent.add(discord.slashCommand(guild, guild.members().get(0), "ping", Map.of()));
        }
        return sent;
    }

    /**
     * Every callback this Discord got was for one of its own interactions: the worker's answer, and the guard's
     * deferral where it acknowledged first (a burst on fresh processes). Another environment's worker or gateway
     * answering here would call back for an interaction this Discord never had.
     */
    private static void assertOnlyOwnCallbacks(DiscordEmulator discord, List<DispatchedInteraction> sent) {
        Set<String> own = sent.stream().map(DispatchedInteraction::id).collect(Collectors.toSet());
        List<RestCall> callbacks = discord.restCalls("POST", "/interactions/{interaction.id}/{interaction.token}/callback");
        assertTrue(callbacks.size() >= sent.size(), callbacks.size() + " callbacks for " + sent.size() + " interactions");
        for (RestCall call : callbacks) {
            String[] segments = call.path().split("/");
            String id = segments[Arrays.asList(segments).indexOf("interactions") + 1];
            assertTrue(own.contains(id), "a callback for an interaction this environment never had: " + call.path());
        }
    }

    private static void assertAllAnsweredOnce(DiscordEmulator discord, List<DispatchedInteraction> sent) {
        AnsweredOnce.await(discord, sent, Duration.ofSeconds(10), AnsweredOnce.contentStartingWith("pong"));
    }
}
