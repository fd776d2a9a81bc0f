package io.guildflow.devtools.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.replay.Replay;
import io.guildflow.app.runtime.GuildflowProcess;
import io.guildflow.app.setup.GuildSetup;
import io.guildflow.app.setup.SetupRequest;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.HealthProbe;
import io.guildflow.devtools.demo.LocalCluster;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.AnsweredOnce;
import io.guildflow.testsupport.nats.NatsServerProcess;
import io.guildflow.worker.dispatch.CommandRegistrations;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample configuration {@code deploy/nats/nats-server.conf}, started as is on a server of the
 * test's own: production and staging are set up and run side by side, each role with its own user
 * (setup, gateway, worker) and nothing refused, and one environment's credentials are refused
 * everything of the other's (the server says so).
 */
class EnvironmentPermissionsIT {
    static final Path SAMPLE = Path.of("..", "deploy", "nats", "nats-server.conf");

    private final Map<String, String> passwords = new HashMap<>();
    /** The environments the sample's accounts are named after, each with its own schema; streams live on {@link #server}. */
    private final Map<String, IsolatedEnvironment> environments = Map.of(
            "production", IsolatedEnvironment.onOwnNats("production"),
            "staging", IsolatedEnvironment.onOwnNats("staging"));
    private NatsServerProcess server;

    @BeforeEach
    void startServerFromTheSample() throws Exception {
        Map<String, String> serverEnv = new HashMap<>();
        // Every account of the sample needs its users' passwords, or nats-server refuses the file.
        for (String environment : List.of("production", "staging", "development")) {
            for (String role : List.of("gateway", "worker", "setup")) {
                // nats-server parses a variable's value as configuration: a password must start with a letter.
                String password = "p" + UUID.randomUUID().toString().replace("-", "");
                passwords.put(environment + "-" + role, password);
                serverEnv.put(("GF_" + environment + "_" + role + "_PASSWORD").toUpperCase(Locale.ROOT), password);
            }
        }
        server = NatsServerProcess.launch(Files.readString(SAMPLE), serverEnv);
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (server != null) {
            server.close();
        }
        for (IsolatedEnvironment environment : environments.values()) {
            environment.close();
        }
    }

    @Test
    void productionAndStagingEachAnswerTheirOwnInteractionsUnderTheirOwnUsers() throws Exception {
        HandlerCatalog catalog = HandlerCatalog.discover(Thread.currentThread().getContextClassLoader());
        try (DiscordEmulator productionDiscord = BotCommands.emulator().guilds(1).commands("ping").build().start();
             DiscordEmulator stagingDiscord = BotCommands.emulator().guilds(1).commands("ping").build().start()) {
            // setup first, as a deployment runs it: it provisions what the gateway and workers then find
            setUp(productionDiscord, "production", catalog);
            setUp(stagingDiscord, "staging", catalog);
            Instant beforeTraffic = Instant.now();
            String signup = runSideBySide(productionDiscord, stagingDiscord, catalog);
            replayAsSetup(beforeTraffic, catalog, signup);
        }
    }

    /**
     * {@code replay} after a restore runs under the setup user (docs/operations.md: the workers are stopped, and no
     * role but setup is an operator's): it reads both streams through consumers of its own and the workers'
     * acknowledgement floors, and the posts bucket. Only the signup was lost here (as if the backup was older): its
     * post is replayed with the message id the worker kept in the bucket, every other event was applied already.
     */
    private void replayAsSetup(Instant since, HandlerCatalog catalog, String signup) throws Exception {
        String messageId = postedMessageId(signup);
        IsolatedEnvironment production = environments.get("production");
        production.execute("DELETE FROM handled_interactions WHERE interaction_id = '" + signup + "'");
        production.execute("DELETE FROM signups WHERE post_key = '" + signup + ":0'");
        production.execute("DELETE FROM discord_outbox WHERE starts_with(action_key, '" + signup + ":')");
        StringWriter err = new StringWriter();
        Replay.Totals totals = new Replay(GuildflowConfig.fromEnvironment(natsAndDatabase("production", "setup")),
                catalog, new PrintWriter(err, true)).run(since, Optional.empty());
        assertEquals(1, totals.applied(), totals.describe() + "\n" + err);
        assertTrue(totals.alreadyApplied() >= 5, totals.describe() + "\n" + err);
        assertEquals(messageId, postedMessageId(signup), "the replayed post's message id, from the posts bucket");
        assertTrue(!server.log().contains("Violation"), "replay needs nothing the sample does not grant setup:\n"
                + server.log());
    }

    /** @return the production signup's interaction id, whose post the outbox sent */
    private String runSideBySide(DiscordEmulator productionDiscord, DiscordEmulator stagingDiscord,
                                 HandlerCatalog catalog) throws Exception {
        try (GuildflowProcess productionWorker = start(productionDiscord, "production", BotMode.WORKER, catalog);
             GuildflowProcess stagingWorker = start(stagingDiscord, "staging", BotMode.WORKER, catalog);
             GuildflowProcess productionGateway = start(productionDiscord, "production", BotMode.GATEWAY, catalog);
             GuildflowProcess stagingGateway = start(stagingDiscord, "staging", BotMode.GATEWAY, catalog)) {
            HealthProbe probe = new HealthProbe();
            for (GuildflowProcess process : List.of(productionWorker, stagingWorker, productionGateway, stagingGateway)) {
                probe.awaitReady(process, Duration.ofSeconds(30));
            }
            List<DispatchedInteraction> production = send(productionDiscord, 5);
            List<DispatchedInteraction> staging = send(stagingDiscord, 7);
            assertAnsweredOnce(productionDiscord, production);
            assertAnsweredOnce(stagingDiscord, staging);
            assertEquals(5, count("production"));
            assertEquals(7, count("staging"));
            // a join travels on the lifecycle family (gf.<env>.lifecycle.<guild>): the gateway may publish it there
            EmulatedGuild joined = productionDiscord.joinGuild("Newcomers");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (count("production", "guild_config WHERE guild_id = '" + joined.id() + "'") == 0) {
                assertTrue(System.nanoTime() < deadline, "the join was never applied:\n" + server.log());
                Thread.sleep(50);
            }
            String signup = postSignup(productionDiscord);
            assertTrue(!server.log().contains("Violation"),
                    "the runtime needs nothing the sample does not grant:\n" + server.log());
            return signup;
        }
    }

    /** {@code /signup create}: the worker's outbox posts it and keeps its message id in the posts bucket. */
    private String postSignup(DiscordEmulator discord) throws Exception {
        EmulatedGuild guild = discord.guild(0);
        DispatchedInteraction create = discord.slashCommand(guild, guild.textChannelId(), guild.members().get(0),
                "signup create", Map.of("title", "Raid", "slots", 5, "closes_in", 60));
        discord.awaitResponse(create.id(), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (postedMessageId(create.id()) == null) {
            assertTrue(System.nanoTime() < deadline, "the signup was never posted:\n" + server.log());
            Thread.sleep(50);
        }
        return create.id();
    }

    private String postedMessageId(String interactionId) throws Exception {
        IsolatedEnvironment production = environments.get("production");
        return production.text("SELECT message_id FROM " + production.schema() + ".discord_outbox"
                + " WHERE action_key = '" + interactionId + ":0'");
    }

    @Test
    void oneEnvironmentsCredentialsAreRefusedEverythingOfTheOthers() throws Exception {
        for (String role : List.of("gateway", "worker", "setup")) {
            try (Refusals production = new Refusals(server.url("nats", "production-" + role + ":"
                    + passwords.get("production-" + role)))) {
                production.connection.subscribe("gf.staging.>");
                production.assertRefused("Subscription to \"gf.staging.>\"");
                production.connection.publish("gf.staging.guild.1.command", "forged".getBytes());
                production.assertRefused("Publish to \"gf.staging.guild.1.command\"");
                assertThrows(IOException.class, () -> production.management()
                        .getStreamInfo("GUILDFLOW_STAGING"));
                production.assertRefused("Publish to \"$JS.API.STREAM.INFO.GUILDFLOW_STAGING\"");
                // Asked directly: jnats' getMessage may first ask STREAM.INFO, refused above already.
                production.connection.publish("$JS.API.STREAM.MSG.GET.GUILDFLOW_STAGING", "{\"seq\":1}".getBytes());
                production.assertRefused("Publish to \"$JS.API.STREAM.MSG.GET.GUILDFLOW_STAGING\"");
                production.connection.publish("$JS.API.CONSUMER.MSG.NEXT.GUILDFLOW_STAGING.staging-workers", null);
                production.assertRefused("Publish to \"$JS.API.CONSUMER.MSG.NEXT.GUILDFLOW_STAGING.staging-workers\"");
            }
        }
        // Within its own environment each role keeps to its part: a gateway cannot read interactions
        // back or delete the stream, a worker cannot forge interactions, setup can do neither.
        try (Refusals gateway = new Refusals(server.url("nats", "production-gateway:" + passwords.get("production-gateway")))) {
            gateway.connection.subscribe("gf.production.guild.>");
            gateway.assertRefused("Subscription to \"gf.production.guild.>\"");
            assertThrows(IOException.class, () -> gateway.management().deleteStream("GUILDFLOW_PRODUCTION"));
            gateway.assertRefused("Publish to \"$JS.API.STREAM.DELETE.GUILDFLOW_PRODUCTION\"");
        }
        try (Refusals worker = new Refusals(server.url("nats", "production-worker:" + passwords.get("production-worker")))) {
            worker.connection.publish("gf.production.guild.1.command", "forged".getBytes());
            worker.assertRefused("Publish to \"gf.production.guild.1.command\"");
            worker.connection.publish("gf.production.lifecycle.1", "forged".getBytes());
            worker.assertRefused("Publish to \"gf.production.lifecycle.1\"");
        }
        try (Refusals setup = new Refusals(server.url("nats", "production-setup:" + passwords.get("production-setup")))) {
            setup.connection.subscribe("gf.production.guild.>");
            setup.assertRefused("Subscription to \"gf.production.guild.>\"");
            setup.connection.publish("gf.production.guild.1.command", "forged".getBytes());
            setup.assertRefused("Publish to \"gf.production.guild.1.command\"");
        }
        // What the side-by-side test relies on: the server logs every refusal.
        assertTrue(server.log().contains("Publish Violation") && server.log().contains("Subscription Violation"),
                server.log());
    }

    /** A client that records the server's refusals, which NATS reports asynchronously as -ERR. */
    private static final class Refusals implements AutoCloseable {
        /**
         * A refused JetStream request gets no answer at all (the server drops it and says -ERR), so the call
         * fails when its request timeout runs out: jnats' default, 2 s, only made each refusal slower.
         */
        private static final JetStreamOptions REFUSED_FAST = JetStreamOptions.builder()
                .requestTimeout(Duration.ofMillis(500)).build();

        private final List<String> errors = new CopyOnWriteArrayList<>();
        private final Connection connection;

        Refusals(String url) throws IOException, InterruptedException {
            connection = Nats.connect(Options.builder().server(url).requestCleanupInterval(Duration.ofSeconds(1))
                    .errorListener(new ErrorListener() {
                        @Override
                        public void errorOccurred(Connection conn, String error) {
                            errors.add(error);
                        }
                    }).build());
        }

        JetStreamManagement management() throws IOException {
            return connection.jetStreamManagement(REFUSED_FAST);
        }

        void assertRefused(String what) throws InterruptedException {
            String expected = "Permissions Violation for " + what;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (errors.stream().noneMatch(error -> error.contains(expected))) {
                assertTrue(System.nanoTime() < deadline, "no '" + expected + "' from the server; it said " + errors);
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            connection.close();
        }
    }

    /** {@code guildflow setup} as the environment's setup user: streams, consumer, commands, configuration notice. */
    private void setUp(DiscordEmulator discord, String environment, HandlerCatalog catalog) throws InterruptedException {
        Map<String, String> env = new HashMap<>(natsAndDatabase(environment, "setup"));
        env.putAll(EmulatorSettings.of(discord));
        StringWriter out = new StringWriter();
        int changes = new GuildSetup(GuildflowConfig.fromEnvironment(env), CommandRegistrations.of(catalog),
                new PrintWriter(out, true)).run(new SetupRequest(discord.guild(0).id(), false, Optional.empty(),
                Optional.empty()));
        assertTrue(changes > 0, out.toString());
    }

    private Map<String, String> natsAndDatabase(String environment, String role) {
        String user = environment + "-" + role;
        Map<String, String> env = new HashMap<>(environments.get(environment).settings());
        env.put("NATS_URL", server.url("nats", user + ":" + passwords.get(user)));
        return env;
    }

    private GuildflowProcess start(DiscordEmulator discord, String environment, BotMode mode, HandlerCatalog catalog) {
        Map<String, String> env = natsAndDatabase(environment, mode.label());
        return GuildflowProcess.start(LocalCluster.configFor(discord, env, mode), Clock.systemUTC(), catalog,
                environment + "-" + mode.label());
    }

    private long count(String environment) throws Exception {
        return count(environment, "handled_interactions");
    }

    /** @param from a table of the environment's schema, with a condition if wanted */
    private long count(String environment, String from) throws Exception {
        IsolatedEnvironment isolated = environments.get(environment);
        return isolated.count("SELECT count(*) FROM " + isolated.schema() + "." + from);
    }

    private static List<DispatchedInteraction> send(DiscordEmulator discord, int count) {
        List<DispatchedInteraction> sent = new ArrayList<>();
        EmulatedGuild guild = discord.guild(0);
        for (int i = 0; i < count; i++) {
            sent.add(discord.slashCommand(guild, guild.members().get(0), "ping", Map.of()));
        }
        return sent;
    }

    private static void assertAnsweredOnce(DiscordEmulator discord, List<DispatchedInteraction> sent) {
        AnsweredOnce.await(discord, sent, Duration.ofSeconds(10), AnsweredOnce.contentStartingWith("pong"));
    }
}
